//! Fuzz the sidecar loader: any bytes, checked as the store checks a file (UTF-8 first),
//! must decode or fail with a positioned error, never panic; what decodes must survive
//! being written and read back with the same annotations.
#![no_main]

use cablescope::store::format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(decoded) = format::decode(text) else {
        return;
    };
    let written = format::encode(&decoded.set, "fuzz");
    let again = format::decode(&written).expect("what we write we can read");
    assert_eq!(again.set.len(), decoded.set.len(), "no annotation lost");
    assert_eq!(format::encode(&again.set, "fuzz"), written, "writing is stable");
});
