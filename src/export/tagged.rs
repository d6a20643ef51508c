//! `cablescope notes DIR --tag TAG`: the passages carrying one tag across a corpus
//! ([`crate::corpus::tags::TagReport`]), grouped by cable, with counts per post and
//! year, in the formats and with the per-passage fields of the one-cable export (the
//! headings, quote blocks, JSON entries and CSV rows are that export's own functions).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{
    CSV_COLUMNS, CableInfo, Format, JsonEntry, cable_info, csv_row, entry, heading, json_entries,
    line, place,
};
use crate::annotation::{AnchorStatus, Annotation};
use crate::corpus::tags::{TagReport, Tagged};

/// Write `report` (read from the folder `root`) in `format`.
///
/// # Errors
/// Only when writing fails.
pub fn export_tag(
    report: &TagReport,
    root: &str,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Markdown => markdown(report, root, out),
        Format::Json => json(report, root, out),
        Format::Csv => csv(report, out),
    }
}

fn chosen<'a>(t: &'a Tagged, tag: &str) -> Vec<&'a Annotation> {
    t.set.iter().filter(|a| a.has_tag(tag)).collect()
}

fn year_label(y: Option<i32>) -> String {
    y.map_or_else(|| "undated".to_owned(), |y| y.to_string())
}

/// A Markdown table cell: one line, `|` escaped.
fn cell(s: &str) -> String {
    line(s).replace('|', "\\|")
}

fn markdown(report: &TagReport, root: &str, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Passages tagged `{}`\n", line(&report.tag))?;
    writeln!(out, "- **Folder:** {}", line(root))?;
    writeln!(
        out,
        "- **Passages:** {} in {} cables",
        report.passages(),
        report.cables.len()
    )?;
    for (path, why) in &report.skipped {
        writeln!(
            out,
            "- **Skipped:** {} ({})",
            line(&path.display().to_string()),
            line(why)
        )?;
    }
    if report.cables.is_empty() {
        return writeln!(out, "\nNo passage carries this tag.");
    }
    writeln!(out, "\n## By post\n\n| Post | Passages |\n|---|---:|")?;
    for (post, n) in &report.per_post {
        writeln!(out, "| {} | {n} |", cell(post))?;
    }
    writeln!(out, "\n## By year\n\n| Year | Passages |\n|---|---:|")?;
    for (year, n) in &report.per_year {
        writeln!(out, "| {} | {n} |", year_label(*year))?;
    }
    for t in &report.cables {
        let info = cable_info(&t.cable, &t.record.id);
        let mut title = format!("{} · {}", t.record.id, line(&t.post));
        if let Some(day) = t.record.day() {
            title.push_str(&format!(" · {day}"));
        }
        writeln!(out, "\n## {title}\n")?;
        if let Some(subject) = info.subject {
            writeln!(out, "- **Subject:** {}", line(subject))?;
        }
        if let Some(c) = &info.classification {
            writeln!(out, "- **Classification:** {}", line(c))?;
        }
        writeln!(
            out,
            "- **Source file:** {}",
            line(&t.record.path.display().to_string())
        )?;
        let chosen = chosen(t, &report.tag);
        for a in &chosen {
            let p = place(&t.cable, a);
            let was = if a.status == AnchorStatus::Orphaned {
                "was "
            } else {
                ""
            };
            writeln!(out, "\n### {was}{}", heading(&p))?;
            entry(out, a)?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonCable<'a> {
    #[serde(flatten)]
    info: CableInfo<'a>,
    post: &'a str,
    path: String,
    count: usize,
    annotations: Vec<JsonEntry<'a>>,
}

#[derive(Serialize)]
struct JsonSkipped {
    path: String,
    reason: String,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    tag: &'a str,
    folder: &'a str,
    passages: usize,
    by_post: &'a BTreeMap<String, usize>,
    by_year: BTreeMap<String, usize>,
    cables: Vec<JsonCable<'a>>,
    skipped: Vec<JsonSkipped>,
}

fn json(report: &TagReport, root: &str, out: &mut dyn Write) -> io::Result<()> {
    let cables = report
        .cables
        .iter()
        .map(|t| {
            let chosen = chosen(t, &report.tag);
            JsonCable {
                info: cable_info(&t.cable, &t.record.id),
                post: &t.post,
                path: t.record.path.display().to_string(),
                count: t.count,
                annotations: json_entries(&t.cable, &chosen),
            }
        })
        .collect();
    let doc = JsonReport {
        tag: &report.tag,
        folder: root,
        passages: report.passages(),
        by_post: &report.per_post,
        by_year: report
            .per_year
            .iter()
            .map(|(y, n)| (year_label(*y), *n))
            .collect(),
        cables,
        skipped: report
            .skipped
            .iter()
            .map(|(p, r)| JsonSkipped {
                path: p.display().to_string(),
                reason: r.clone(),
            })
            .collect(),
    };
    crate::sanitize::write_json_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// One row per passage: the cable's id, post and date, then the one-cable export's
/// columns.
fn csv(report: &TagReport, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let mut header = vec!["cable", "post", "date"];
    header.extend(CSV_COLUMNS);
    w.write_record(header)?;
    for t in &report.cables {
        for a in chosen(t, &report.tag) {
            let mut row = vec![
                t.record.id.clone(),
                line(&t.post),
                t.record.day().unwrap_or_default(),
            ];
            row.extend(csv_row(&t.cable, a));
            w.write_record(row)?;
        }
    }
    w.flush()
}
