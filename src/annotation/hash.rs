//! A stable text hash for the sidecar: FNV-1a, 64 bits.
//!
//! The hashes are written to disk and compared across runs, releases and machines, so
//! they must never change: std's `DefaultHasher` is explicitly not stable, FNV-1a is a
//! fixed, tiny, well-known function. It detects change; it is not a security measure.

/// FNV-1a 64-bit hash of `bytes`.
#[must_use]
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The written form of a text's hash: `fnv1a64:` and 16 hex digits.
#[must_use]
pub fn text_hash(text: &str) -> String {
    format!("fnv1a64:{:016x}", fnv1a64(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(text_hash("foobar"), "fnv1a64:85944171f73967e8");
    }
}
