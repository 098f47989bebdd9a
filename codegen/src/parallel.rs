//! A small parallel map on std's scoped threads, for emitting and formatting the files of a
//! crate. Results come back in input order, so output never depends on thread timing.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread;

/// Applies `work` to every item on up to `available_parallelism` threads; threads take the
/// next unclaimed item in order, so put the costliest items first.
pub fn map<T, R, F>(items: &[T], work: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let threads = thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(index) else { break };
                let result = work(item);
                // A poisoned lock means another worker panicked; the scope re-raises that panic.
                if let Ok(mut results) = results.lock() {
                    results[index] = Some(result);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .into_iter()
        .map(|result| result.expect("every item was processed by a worker"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::map;

    #[test]
    fn keeps_input_order_and_processes_every_item() {
        let items: Vec<u64> = (0..200).collect();
        let doubled = map(&items, |n| {
            // Uneven work, so workers finish out of order.
            (0..(n % 7) * 1000).fold(0u64, |acc, x| acc.wrapping_add(x));
            n * 2
        });
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    fn handles_empty_and_single_inputs() {
        assert!(map(&[] as &[u8], |n| *n).is_empty());
        assert_eq!(map(&[5], |n| n + 1), vec![6]);
    }
}
