//! Work over many files on every core: the one work queue that loading a corpus and
//! indexing it share.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f(i, item)` for every item, on as many threads as the machine has cores (one for a
/// single item); the results in the items' order, one for each item.
///
/// # Panics
/// When `f` panics: the panic is carried to the caller once every thread has stopped.
pub fn map_indexed<T: Sync, R: Send>(items: &[T], f: impl Fn(usize, &T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(items.len().max(1));
    let next = AtomicUsize::new(0);
    let results: Vec<Vec<(usize, R)>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        out.push((i, f(i, item)));
                    }
                    out
                })
            })
            .collect();
        // A worker that panicked lost its results: carrying on would hand back fewer
        // results than items, and callers pair them with their items by position.
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    let mut all: Vec<(usize, R)> = results.into_iter().flatten().collect();
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::map_indexed;

    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u32> = (0..1000).collect();
        let out = map_indexed(&items, |i, x| (i, x * 2));
        assert_eq!(out.len(), 1000);
        assert!(
            out.iter()
                .enumerate()
                .all(|(k, &(i, x))| k == i && x == items[k] * 2)
        );
        assert!(map_indexed(&[] as &[u32], |_, x| *x).is_empty());
    }

    #[test]
    fn a_panic_reaches_the_caller() {
        let items: Vec<u32> = (0..100).collect();
        let caught = std::panic::catch_unwind(|| {
            map_indexed(&items, |_, &x| {
                assert!(x != 57, "item 57");
                x
            })
        });
        let payload = caught.expect_err("the panic is carried");
        let message = payload.downcast_ref::<&str>().copied().unwrap_or_default();
        assert_eq!(message, "item 57");
    }
}
