//! The written form of a text hash in the sidecar: `fnv1a64:` and 16 hex digits of
//! [`crate::fnv::fnv1a64`] (the program's one stable hash).

pub use crate::fnv::fnv1a64;

/// The written form of a text's hash: `fnv1a64:` and 16 hex digits.
#[must_use]
pub fn text_hash(text: &str) -> String {
    format!("fnv1a64:{:016x}", fnv1a64(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_form() {
        assert_eq!(text_hash("foobar"), "fnv1a64:85944171f73967e8");
    }
}
