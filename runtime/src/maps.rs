//! Map helpers that keep the standard library's sort out of generic code.
//!
//! The JSON writer and the validator walk maps in key order, so that output and messages do
//! not depend on hashing: [`key_order`] sorts indices by key, one function compiled once here,
//! where sorting the `(key, value)` pairs would compile a sort per value type and closure,
//! thousands of lines per map shape in a generated crate. For the same reason maps are built
//! by insertion ([`btree_map`] and friends) rather than collected, since collecting into a
//! `BTreeMap` sorts first.

use std::collections::{BTreeMap, BTreeSet};

/// A map from `(key, value)` pairs, inserted one by one: the last value of a repeated key
/// wins, as with `collect`.
pub(crate) fn btree_map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (key, value) in pairs {
        map.insert(key, value);
    }
    map
}

/// [`btree_map`] of fallible pairs: the first error, or the map.
pub(crate) fn try_btree_map<K: Ord, V, E>(
    pairs: impl IntoIterator<Item = Result<(K, V), E>>,
) -> Result<BTreeMap<K, V>, E> {
    let mut map = BTreeMap::new();
    for pair in pairs {
        let (key, value) = pair?;
        map.insert(key, value);
    }
    Ok(map)
}

/// A set, inserted one by one (see [`btree_map`]).
pub(crate) fn btree_set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

/// A JSON object, inserted one by one (see [`btree_map`]).
pub(crate) fn json_object(
    pairs: impl IntoIterator<Item = (String, serde_json::Value)>,
) -> serde_json::Map<String, serde_json::Value> {
    let mut object = serde_json::Map::new();
    for (key, value) in pairs {
        object.insert(key, value);
    }
    object
}

/// The indices of `keys` in ascending key order.
pub(crate) fn key_order(keys: &[&str]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    // Stable: equal keys (possible when a caller passes any iterator) keep their order.
    order.sort_by(|&a, &b| keys[a].cmp(keys[b]));
    order
}

#[cfg(test)]
mod tests {
    use super::key_order;

    #[test]
    fn maps_keep_the_last_value_of_a_repeated_key_like_collect() {
        let pairs = [("b", 1), ("a", 2), ("b", 3)];
        let collected: std::collections::BTreeMap<_, _> = pairs.into_iter().collect();
        assert_eq!(super::btree_map(pairs), collected);
        let failed: Result<std::collections::BTreeMap<&str, i32>, &str> =
            super::try_btree_map([Ok(("a", 1)), Err("bad"), Ok(("b", 2))]);
        assert_eq!(failed, Err("bad"));
        let object = super::json_object([("k".to_owned(), 1.into()), ("k".to_owned(), 2.into())]);
        assert_eq!(object.get("k"), Some(&serde_json::Value::from(2)));
        assert_eq!(super::btree_set(["b", "a", "b"]).len(), 2);
    }

    #[test]
    fn indices_come_in_key_order() {
        assert_eq!(key_order(&["b", "a", "c", "aa"]), [1, 3, 0, 2]);
        assert_eq!(key_order(&[]), Vec::<usize>::new());
    }
}
