//! FNV-1a, 64 bits: the one stable hash of the program.
//!
//! Its values are written to disk (sidecar text hashes, fallback sidecar names) and decide
//! a tag's palette colour, so they must be the same on every run, platform and version:
//! std's `DefaultHasher` is explicitly not stable, FNV-1a is a fixed, tiny, well-known
//! function. It detects change; it is not a security measure. Leaf module.

/// The hash of no bytes, where [`fnv1a64_more`] starts.
pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a 64-bit hash of `bytes`.
#[must_use]
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    fnv1a64_more(FNV_START, bytes)
}

/// The hash `h` of some bytes carried on over `bytes` that follow them: a file hashed
/// chunk by chunk has the hash of its whole content.
#[must_use]
pub fn fnv1a64_more(mut h: u64, bytes: &[u8]) -> u64 {
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
        assert_eq!(fnv1a64_more(fnv1a64(b"foo"), b"bar"), fnv1a64(b"foobar"));
    }
}
