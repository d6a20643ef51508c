//! A Cablegate-sized corpus for the index benchmarks, made from the vendored real cables
//! (`tests/data/corpus.tar.gz`): a bench helper, not part of the program.
//!
//! Cablegate is 251,287 cables in 1.7 GB (6.8 KB a cable). The vendored 1,095 average
//! 10 KB, so the sources are the smallest real cables whose mean is Cablegate's (the 722
//! up to 10.9 KB). Each copy of a source gets another year (1970–2010, the DTG's year
//! rewritten) and serial (the classification line's, plus a multiple of 100,000, so the
//! DE line's four digits still agree), hence another id and file name, and its REF block
//! (when it has one) is replaced by one citing one to three other generated cables. Every
//! source is checked once: a copy must parse to the id it is named for, its REFs to the
//! ids written, else the source is not used.
//!
//! Files go under `DIR/YYYY/ID.txt`; `DIR/.complete` (the count) marks a finished corpus,
//! so later runs reuse it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Cablegate's size in cables.
pub const CABLEGATE: usize = 251_287;

/// Cablegate's mean cable size in bytes (1.7 GB / 251,287).
const MEAN_BYTES: usize = 6_800;

/// First and number of years a copy can be moved to.
const FIRST_YEAR: i32 = 1970;
const YEARS: i32 = 41;

/// One real cable used as a source.
struct Source {
    text: String,
    /// Station and serial of its id (`PARIS`, 1568), and the DTG's year.
    station: String,
    serial: u32,
    year: i32,
}

/// The generated corpus under `dir` (made unless already complete), with `n` cables.
/// Returns its files' total size in bytes.
pub fn corpus(dir: &Path, n: usize) -> u64 {
    let marker = dir.join(".complete");
    if std::fs::read_to_string(&marker).is_ok_and(|s| s.trim() == n.to_string()) {
        return raw_size(dir);
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir).expect("old corpus removed");
    }
    let started = std::time::Instant::now();
    let sources = sources();
    eprintln!("generate: {} real cables as sources", sources.len());
    let mut made: Vec<String> = Vec::with_capacity(n);
    let mut seen: HashSet<String> = HashSet::with_capacity(n);
    let mut bytes = 0u64;
    let mut k = 0usize;
    while made.len() < n {
        for s in &sources {
            if made.len() == n {
                break;
            }
            let Some((id, year, text)) = copy(s, k, &made) else {
                continue;
            };
            if !seen.insert(id.clone()) {
                continue;
            }
            let folder = dir.join(year.to_string());
            std::fs::create_dir_all(&folder).expect("folder");
            std::fs::write(folder.join(format!("{id}.txt")), &text).expect("written");
            bytes += text.len() as u64;
            made.push(id);
        }
        k += 1;
    }
    std::fs::write(&marker, n.to_string()).expect("marker");
    eprintln!(
        "generate: {n} cables, {:.2} GB in {:.0} s into {}",
        bytes as f64 / 1e9,
        started.elapsed().as_secs_f64(),
        dir.display()
    );
    bytes
}

/// Total size of the cable files under `dir`.
pub fn raw_size(dir: &Path) -> u64 {
    files(dir)
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum()
}

/// Every `.txt` file under `dir`, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).expect("listed").flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The vendored real cables, smallest first, as many as keep the mean at Cablegate's,
/// each checked to copy well.
fn sources() -> Vec<Source> {
    let mut texts: Vec<(String, String)> = super::vendored::cables()
        .into_iter()
        .map(|(id, bytes)| (id, String::from_utf8_lossy(&bytes).into_owned()))
        .collect();
    texts.sort_by(|a, b| a.1.len().cmp(&b.1.len()).then_with(|| a.0.cmp(&b.0)));
    let mut total = 0usize;
    let mut chosen = Vec::new();
    for (id, text) in texts {
        if total + text.len() > MEAN_BYTES * (chosen.len() + 1) && !chosen.is_empty() {
            break;
        }
        total += text.len();
        chosen.push((id, text));
    }
    chosen
        .into_iter()
        .filter_map(|(id, text)| {
            let parsed =
                cablescope::parse::parse_with(&text, &cablescope::parse::Hints { name: Some(&id) });
            let year = parsed
                .cable
                .header
                .date
                .map(|d| chrono::Datelike::year(&d))?;
            let own = parsed.cable.id?;
            let digits = own.chars().take_while(char::is_ascii_digit).count();
            let cut = own.rfind(|c: char| !c.is_ascii_digit())? + 1;
            let station = own.get(digits..cut)?.to_owned();
            let serial = own.get(cut..)?.parse().ok()?;
            let s = Source {
                text,
                station,
                serial,
                year,
            };
            // A copy must read as the id it is named for, with the REFs written.
            let others = vec!["80PARIS123".to_owned(), "81STATE4567".to_owned()];
            let (id, _, copy_text) = copy(&s, 1, &others)?;
            let p = cablescope::parse::parse_with(
                &copy_text,
                &cablescope::parse::Hints { name: Some(&id) },
            );
            let refs: Vec<String> = p
                .cable
                .header
                .refs
                .iter()
                .filter_map(|r| r.id.clone())
                .collect();
            let has_refs = s.text.contains("\nREF:");
            (p.cable.id.as_deref() == Some(id.as_str()) && (!has_refs || !refs.is_empty()))
                .then_some(s)
        })
        .collect()
}

/// Copy `k` of `s`: its id, year and text; `None` when the serial would overflow.
/// `made` are the ids generated so far (the REFs cite some of them).
fn copy(s: &Source, k: usize, made: &[String]) -> Option<(String, i32, String)> {
    let k = i32::try_from(k).ok()?;
    let year = FIRST_YEAR + (s.year - FIRST_YEAR + k).rem_euclid(YEARS);
    let serial = s.serial + 100_000 * u32::try_from(k / YEARS).ok()?;
    if serial >= 1_000_000 {
        return None;
    }
    let yy = year % 100;
    let id = format!("{yy:02}{}{serial}", s.station);
    let mut text = s
        .text
        .replace(&format!("{:06}", s.serial), &format!("{serial:06}"));
    text = dtg_year(&text, yy)?;
    if let Some(start) = text.find("\nREF:") {
        let end = text[start + 1..]
            .find("\n\n")
            .map_or(text.len(), |e| start + 1 + e);
        let refs = cite(made, &id);
        text.replace_range(start + 1..end, &refs);
    }
    Some((id, year, text))
}

/// `text` with the first DTG's two-digit year set to `yy` (`131708Z AUG 08`).
fn dtg_year(text: &str, yy: i32) -> Option<String> {
    static DTG: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = DTG
        .get_or_init(|| regex::Regex::new(r"\b(\d{6}Z\s+[A-Z]{3}\s+)(\d{2})\b").expect("a regex"));
    let m = re.captures(text)?;
    let at = m.get(2)?;
    let mut out = text.to_owned();
    out.replace_range(at.range(), &format!("{yy:02}"));
    Some(out)
}

/// A REF block citing one to three of `made` (chosen from `id`'s hash), spelled as
/// cables spell them (`A. 08 PARIS 1501`).
fn cite(made: &[String], id: &str) -> String {
    if made.is_empty() {
        return "REF: NONE".to_owned();
    }
    let h = cablescope::fnv::fnv1a64(id.as_bytes());
    let count = 1 + (h % 3) as usize;
    let mut out = String::from("REF:");
    for (i, letter) in ["A", "B", "C"].iter().enumerate().take(count) {
        let pick = (h >> (8 * (i + 1))) as usize % made.len();
        let cited = &made[pick];
        let digits = cited.chars().take_while(char::is_ascii_digit).count();
        let cut = cited
            .rfind(|c: char| !c.is_ascii_digit())
            .map_or(cited.len(), |c| c + 1);
        let _ = std::fmt::Write::write_fmt(
            &mut out,
            format_args!(
                " {letter}. {} {} {}",
                &cited[..digits],
                &cited[digits..cut],
                &cited[cut..]
            ),
        );
    }
    out
}
