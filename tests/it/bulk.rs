//! `cablescope export DIR --format ndjson` on part of the vendored real corpus: the bulk
//! format's pairs of lines, documents that agree with the corpus model, fields that the
//! shipped mapping declares.

use std::process::Command;

use super::corpus::corpus;

#[test]
fn bulk_export_pairs_actions_and_documents_the_mapping_declares() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let ids = ["08PARIS1501", "08PARIS1568", "09BERLIN1167"];
    for id in ids {
        std::fs::write(tmp.path().join(format!("{id}.txt")), corpus().text(id)).expect("written");
    }
    std::fs::write(tmp.path().join("empty.txt"), "").expect("written");
    let out = Command::new(env!("CARGO_BIN_EXE_cablescope"))
        .args(["export", "--format", "ndjson"])
        .arg(tmp.path())
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty.txt: the file is empty"));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON value per line"))
        .collect();
    assert_eq!(lines.len(), 2 * ids.len());
    let mapping: serde_json::Value =
        serde_json::from_str(cablescope::bulk::MAPPING).expect("mapping is JSON");
    let properties = mapping["mappings"]["properties"]
        .as_object()
        .expect("properties");
    for (pair, id) in lines.chunks(2).zip(ids) {
        assert_eq!(pair[0], serde_json::json!({"index": {"_id": id}}));
        let doc = pair[1].as_object().expect("a document");
        assert_eq!(doc["id"], id);
        for key in doc.keys() {
            assert!(properties.contains_key(key), "{key} is not in the mapping");
        }
        let body = doc["body"].as_str().expect("body");
        for p in doc["paragraphs"].as_array().expect("paragraphs") {
            let start = usize::try_from(p["start"].as_u64().expect("start")).expect("fits");
            let text = p["text"].as_str().expect("text");
            assert_eq!(&body[start..start + text.len()], text);
        }
    }
    let paris = lines[3].as_object().expect("08PARIS1568");
    assert_eq!(paris["origin"], "Embassy Paris");
    assert_eq!(paris["year"], 2008);
    assert_eq!(paris["refs"][0], "08PARIS1501");
    assert!(
        paris["date"]
            .as_str()
            .is_some_and(|d| d.starts_with("2008-08-"))
    );
}
