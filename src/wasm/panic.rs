//! What the worker can say after the wasm instance traps. A Rust panic becomes `unreachable`
//! (wasm32-unknown-unknown aborts on panic), and an allocation that
//! `memory.grow` cannot satisfy aborts the same way; JS then sees only `RuntimeError:
//! unreachable`. So the panic hook, installed when the module starts, keeps the first panic's
//! text, and the allocator below notes the size of an allocation that failed. After the trap the
//! worker calls `takePanic()` (the instance can still run a small call) and the page shows
//! «Lỗi nội bộ: …» or «Hết bộ nhớ…», then starts a fresh worker.
//!
//! Only the first panic is kept until it is taken: freeing a wasm-bindgen object whose method
//! trapped panics again («recursive use of an object…»), which would hide the real cause.
//!
//! `debugPanic(what)` is a test hook (the e2e test's only way to make the instance trap on
//! purpose); nothing on the page calls it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use wasm_bindgen::prelude::*;

static FIRST_PANIC: Mutex<Option<String>> = Mutex::new(None);
/// The size of the first allocation that failed (0: none).
static FAILED_ALLOC: AtomicUsize = AtomicUsize::new(0);

/// The system allocator (dlmalloc on wasm32), noting a failed allocation's size. No allocation
/// happens here, so it works when memory is exhausted.
struct Noting;

fn note(p: *mut u8, layout: Layout) -> *mut u8 {
    if p.is_null() {
        let _ =
            FAILED_ALLOC.compare_exchange(0, layout.size(), Ordering::Relaxed, Ordering::Relaxed);
    }
    p
}

// SAFETY: every call is forwarded unchanged to `System`; only a null result is noted.
unsafe impl GlobalAlloc for Noting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(unsafe { System.alloc(layout) }, layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(unsafe { System.alloc_zeroed(layout) }, layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            let _ =
                FAILED_ALLOC.compare_exchange(0, new_size, Ordering::Relaxed, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Noting = Noting;

/// Runs when the module is instantiated (the page's worker and the export worker).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let text = info.payload_as_str().unwrap_or("panic").to_string();
        let text = match info.location() {
            Some(l) => format!("{text} ({}:{})", l.file(), l.line()),
            None => text,
        };
        if let Ok(mut first) = FIRST_PANIC.lock() {
            first.get_or_insert(text);
        }
    }));
}

/// After a trap: «memory allocation of N bytes failed» when an allocation failed, else the first
/// panic's text (with its place in the source), else nothing. Clears what it returns.
#[wasm_bindgen(js_name = takePanic)]
pub fn take_panic() -> Option<String> {
    let failed = FAILED_ALLOC.swap(0, Ordering::Relaxed);
    let panic = FIRST_PANIC.lock().ok().and_then(|mut p| p.take());
    if failed > 0 {
        return Some(format!("memory allocation of {failed} bytes failed"));
    }
    panic
}

/// Test hook (e2e only): makes the instance trap on purpose. `"oom"`: as if an allocation had
/// failed (noted, then the standard allocation-failure path); otherwise a panic whose text is
/// `debugPanic: <what>`.
#[doc(hidden)]
#[wasm_bindgen(js_name = debugPanic)]
pub fn debug_panic(what: &str) {
    if what == "oom" {
        let layout = Layout::from_size_align(1 << 30, 1).unwrap_or(Layout::new::<u8>());
        note(std::ptr::null_mut(), layout);
        std::alloc::handle_alloc_error(layout);
    }
    panic!("debugPanic: {what}");
}
