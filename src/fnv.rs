//! FNV-1a, 64 bits: the one stable hash of the program.
//!
//! Its values are written to disk (sidecar text hashes, fallback sidecar names) and decide
//! a tag's palette colour, so they must be the same on every run, platform and version:
//! std's `DefaultHasher` is explicitly not stable, FNV-1a is a fixed, tiny, well-known
//! function. It detects change; it is not a security measure. Leaf module.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
