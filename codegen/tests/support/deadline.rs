//! A deadline per test case: the case runs on its own thread, and a case that does not finish
//! in time fails the test at once with its name (a hang must not stall CI until its timeout).

#![allow(dead_code)] // Each test crate that includes this file uses part of it.

use std::sync::mpsc;
use std::time::Duration;

/// How a case run by [`run`] ended.
pub enum Outcome<T> {
    Done(T),
    /// It panicked, with this message.
    Panicked(String),
    /// It was still running at the deadline (and is left running).
    TimedOut,
}

/// Runs `case` on a thread with a 16 MiB stack, waiting at most `limit`.
pub fn run<T: Send + 'static>(
    name: &str,
    limit: Duration,
    case: impl FnOnce() -> T + Send + 'static,
) -> Outcome<T> {
    let (done, finished) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .name(name.chars().take(60).collect())
        .stack_size(16 << 20)
        .spawn(move || {
            let _ = done.send(case());
        })
        .expect("a test thread starts");
    match finished.recv_timeout(limit) {
        Ok(value) => {
            let _ = worker.join();
            Outcome::Done(value)
        }
        Err(mpsc::RecvTimeoutError::Timeout) => Outcome::TimedOut,
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let message = match worker.join() {
                Err(payload) => payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "(non-string panic)".into()),
                Ok(()) => "(ended without an answer)".into(),
            };
            Outcome::Panicked(message)
        }
    }
}

/// Runs `case` like [`run`] and returns what it returns, or panics naming `name` if it takes
/// longer than `limit` or panics. A case that hangs is left running: the test fails, and the
/// process ends with it.
pub fn within<T: Send + 'static>(
    name: &str,
    limit: Duration,
    case: impl FnOnce() -> T + Send + 'static,
) -> T {
    match run(name, limit, case) {
        Outcome::Done(value) => value,
        Outcome::TimedOut => {
            panic!("{name}: did not finish within {limit:?} (a hang or a quadratic path)")
        }
        Outcome::Panicked(message) => panic!("{name}: panicked: {message}"),
    }
}
