//! Sorted visiting order for map keys, shared by the JSON writer and the validator.
//!
//! Both walk maps in key order so that output and messages do not depend on hashing. Sorting
//! the `(key, value)` pairs themselves would instantiate the standard library's sort once per
//! value type and closure, thousands of lines of code per map shape in a generated crate;
//! sorting indices by key is one function, compiled once here.

/// The indices of `keys` in ascending key order.
pub(crate) fn key_order(keys: &[&str]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_unstable_by(|&a, &b| keys[a].cmp(keys[b]));
    order
}

#[cfg(test)]
mod tests {
    use super::key_order;

    #[test]
    fn indices_come_in_key_order() {
        assert_eq!(key_order(&["b", "a", "c", "aa"]), [1, 3, 0, 2]);
        assert_eq!(key_order(&[]), Vec::<usize>::new());
    }
}
