//! Fuzz the cable parser: any bytes, decoded as `cablescope` decodes files, must parse
//! without panicking and keep the model's invariants.
#![no_main]

use cablescope::cable::XrefTarget;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((text, _warnings)) = cablescope::source::decode(data, "fuzz") else {
        return;
    };
    let parsed = cablescope::parse::parse(&text);
    let cable = &parsed.cable;
    let mut last = 0;
    for p in &cable.paragraphs {
        if let Some(n) = p.number {
            assert!(n > last, "paragraph numbers increase");
            last = n;
        }
        assert!(p.span.end <= text.len() && text.is_char_boundary(p.span.start));
        for r in p.all_repairs() {
            assert!(r.source.end <= text.len());
        }
    }
    for x in &cable.xrefs {
        let p = &cable.paragraphs[x.paragraph];
        assert!(p.text.get(x.range.clone()).is_some());
        match x.target {
            XrefTarget::Paragraph(i) => assert!(i < cable.paragraphs.len()),
            XrefTarget::Ref(i) => assert!(i < cable.header.refs.len()),
            XrefTarget::Unresolved(_) => {}
        }
    }
});
