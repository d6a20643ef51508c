//! Work the screen hands to a thread of its own: indexing a folder, counting its
//! annotations, gathering a cable's corpus glossary.
//!
//! A panic on the screen's own thread restores the terminal and ends the program (the
//! terminal's panic hook). A panic in one of these threads must not: the screen is still
//! running and would go on drawing on a terminal put back in cooked mode. So the hook
//! leaves the terminal alone when the panicking thread is not the screen's
//! ([`on_screen_thread`]) and only keeps the message ([`keep`]); [`spawn`] catches the
//! panic and hands the work's caller that message as an error, which the screen shows
//! on its status line.

use std::any::Any;
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::sync::{Mutex, OnceLock};
use std::thread::ThreadId;

/// The thread that draws the screen, once it has taken the terminal.
static SCREEN: OnceLock<ThreadId> = OnceLock::new();

/// The last panic of a background thread, as the hook was told it (with its place).
static LAST: Mutex<Option<String>> = Mutex::new(None);

/// The calling thread draws the screen (called when it takes the terminal).
pub fn mark_screen_thread() {
    let _ = SCREEN.set(std::thread::current().id());
}

/// Whether the calling thread is the screen's, or no thread has taken the terminal.
#[must_use]
pub fn on_screen_thread() -> bool {
    SCREEN
        .get()
        .is_none_or(|id| *id == std::thread::current().id())
}

/// Keep the message of a background thread's panic for [`spawn`] to report (the panic
/// hook, in place of printing it over the screen).
pub fn keep(info: &PanicHookInfo<'_>) {
    if let Ok(mut last) = LAST.lock() {
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        *last = Some(format!("{}{place}", said(info.payload())));
    }
}

/// Run `work` in a thread of its own and give `done` its result, or, when it panicked,
/// what the panic said (`internal error: …`, with its place when the hook kept it).
pub fn spawn<R>(
    work: impl FnOnce() -> R + Send + 'static,
    done: impl FnOnce(Result<R, String>) + Send + 'static,
) {
    std::thread::spawn(move || {
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(work)).map_err(|payload| {
            let kept = LAST.lock().ok().and_then(|mut last| last.take());
            format!(
                "internal error: {}",
                kept.unwrap_or_else(|| said(payload.as_ref()))
            )
        });
        done(outcome);
    });
}

/// What a panic's payload says.
fn said(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_owned())
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use super::spawn;

    #[test]
    fn a_result_or_what_the_panic_said() {
        let (tx, rx) = mpsc::channel();
        let sent = tx.clone();
        spawn(|| 6 * 7, move |r| sent.send(r).expect("send"));
        assert_eq!(rx.recv().expect("a result"), Ok(42));
        spawn(
            || -> u32 { panic!("no cable {}", 7) },
            move |r| tx.send(r).expect("send"),
        );
        let error = rx.recv().expect("a result").expect_err("the panic");
        assert!(error.starts_with("internal error: "), "{error}");
        assert!(error.contains("no cable 7"), "{error}");
    }
}
