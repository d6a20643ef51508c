//! The section tree's state: the nodes, which are expanded, the selection and the scroll.
//!
//! The tree is kept as one pre-order list of nodes, each knowing where its subtree ends,
//! so the visible rows are recomputed only when a node is expanded or collapsed, and the
//! row showing a paragraph is found by binary search. Drawing then touches only the rows
//! on screen. (tui-tree-widget rebuilds a set of identifiers and flattens the whole tree
//! on every render, which costs time in proportion to the document; this keeps the frame
//! cost bounded by the pane height on 50 MB documents.)

use std::collections::HashSet;

use super::document::Document;

/// What a tree node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeId {
    /// The header (with its fields as children).
    Header,
    /// One header field line (child of [`NodeId::Header`]).
    HeaderField(usize),
    /// The REF list.
    Refs,
    /// One REF entry.
    Ref(usize),
    /// A section heading.
    Section(usize),
    /// A paragraph.
    Paragraph(usize),
    /// An exchange (`USG Concern: … GOA Response: …`) in a lettered sub-paragraph: the
    /// paragraph index and the sub-paragraph index (child of [`NodeId::Paragraph`]).
    Exchange(usize, usize),
}

/// One node of the tree, in pre-order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// What it stands for.
    pub id: NodeId,
    /// Its label (unsanitised: the view sanitises).
    pub label: String,
    /// Nesting depth (0 = top level).
    pub depth: usize,
    /// Index one past the last node of its subtree.
    pub end: usize,
}

impl Node {
    /// Whether it has children.
    #[must_use]
    pub fn has_children(&self, index: usize) -> bool {
        self.end > index + 1
    }
}

/// State of the section tree.
#[derive(Debug, Default)]
pub struct OutlineState {
    /// All nodes in pre-order.
    pub nodes: Vec<Node>,
    /// Expanded nodes (indices into `nodes`).
    pub expanded: HashSet<usize>,
    /// Visible rows: indices into `nodes`, increasing.
    pub rows: Vec<usize>,
    /// Selected row.
    pub selected: usize,
    /// First row on screen (clamped by render so the selection stays visible).
    pub offset: usize,
    /// Node index of each paragraph.
    pub paragraph_node: Vec<usize>,
}

const LABEL_CHARS: usize = 60;

fn clip(text: &str) -> String {
    let mut out: String = text.chars().take(LABEL_CHARS).collect();
    if text.chars().nth(LABEL_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// The tree label of paragraph `index`: `Q17 Has the Government…` or `¶1 The mission's…`.
#[must_use]
pub fn paragraph_label(doc: &Document, index: usize) -> String {
    let Some(p) = doc.cable.paragraphs.get(index) else {
        return String::new();
    };
    // A keyed answer (`27.A.`) has an empty question: show its response.
    let body = p
        .question_text()
        .filter(|q| !q.is_empty())
        .unwrap_or(&p.text);
    let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
    clip(&format!("{} {body}", doc.short_label(index)))
}

/// The tree label of the exchange in sub-paragraph `sub` of paragraph `index`:
/// `Q5.A Novin Energy Company…`.
#[must_use]
pub fn exchange_label(doc: &Document, index: usize, sub: usize) -> String {
    let Some(p) = doc.cable.paragraphs.get(index) else {
        return String::new();
    };
    let Some(q) = p.subparagraphs.get(sub).and_then(|s| s.question.as_ref()) else {
        return String::new();
    };
    let body = p.sub_question_text(sub).unwrap_or("");
    let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
    clip(&format!("Q{} {body}", q.number))
}

/// Add paragraph `j`'s node at `depth`, with its exchanges as children.
fn open_paragraph(nodes: &mut Vec<Node>, doc: &Document, j: usize, depth: usize) -> usize {
    let n = nodes.len();
    nodes.push(Node {
        id: NodeId::Paragraph(j),
        label: paragraph_label(doc, j),
        depth,
        end: 0,
    });
    if let Some(p) = doc.cable.paragraphs.get(j) {
        for (k, sub) in p.subparagraphs.iter().enumerate() {
            if sub.question.is_some() {
                nodes.push(Node {
                    id: NodeId::Exchange(j, k),
                    label: exchange_label(doc, j, k),
                    depth: depth + 1,
                    end: nodes.len() + 1,
                });
            }
        }
    }
    let end = nodes.len();
    if let Some(node) = nodes.get_mut(n) {
        node.end = end;
    }
    n
}

impl OutlineState {
    /// Build the tree for a document; sections and the REF list start expanded.
    #[must_use]
    pub fn new(doc: &Document) -> Self {
        let cable = &doc.cable;
        let h = &cable.header;
        let mut nodes: Vec<Node> = Vec::new();
        let open = |nodes: &mut Vec<Node>, id, label: String, depth| {
            nodes.push(Node {
                id,
                label,
                depth,
                end: 0,
            });
            nodes.len() - 1
        };
        let close = |nodes: &mut Vec<Node>, i: usize| {
            let end = nodes.len();
            if let Some(n) = nodes.get_mut(i) {
                n.end = end;
            }
        };
        let title = h
            .subject
            .clone()
            .or_else(|| cable.id.clone())
            .unwrap_or_else(|| doc.name.clone());
        let header = open(
            &mut nodes,
            NodeId::Header,
            clip(&format!("Header: {title}")),
            0,
        );
        let fields = [
            ("Date", h.date_label()),
            ("From", h.from.clone()),
            ("To", Some(crate::cable::Recipient::names(&h.to, ", "))),
            ("Class", h.classification.clone()),
            ("Tags", Some(h.tags.join(" "))),
            ("Subject", h.subject.clone()),
        ];
        for (k, (name, value)) in fields.into_iter().enumerate() {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                let i = open(
                    &mut nodes,
                    NodeId::HeaderField(k),
                    clip(&format!("{name}: {v}")),
                    1,
                );
                close(&mut nodes, i);
            }
        }
        close(&mut nodes, header);
        let mut expanded = HashSet::new();
        if !h.refs.is_empty() {
            let refs = open(&mut nodes, NodeId::Refs, "REF".to_owned(), 0);
            expanded.insert(refs);
            for (k, r) in h.refs.iter().enumerate() {
                let letter = r.letter.map(|c| format!("{c}. ")).unwrap_or_default();
                let i = open(
                    &mut nodes,
                    NodeId::Ref(k),
                    clip(&format!("{letter}{}", r.text)),
                    1,
                );
                close(&mut nodes, i);
            }
            close(&mut nodes, refs);
        }
        let mut paragraph_node = vec![0; cable.paragraphs.len()];
        let mut done = vec![false; cable.paragraphs.len()];
        for (i, p) in cable.paragraphs.iter().enumerate() {
            if done[i] {
                continue;
            }
            if let Some(s) = p.section
                && let Some(section) = cable.sections.get(s)
                && section.paragraphs.first() == Some(&i)
            {
                let sn = open(&mut nodes, NodeId::Section(s), clip(&section.title), 0);
                expanded.insert(sn);
                for &j in &section.paragraphs {
                    if j < done.len() && !done[j] {
                        done[j] = true;
                        paragraph_node[j] = open_paragraph(&mut nodes, doc, j, 1);
                    }
                }
                close(&mut nodes, sn);
                continue;
            }
            done[i] = true;
            paragraph_node[i] = open_paragraph(&mut nodes, doc, i, 0);
        }
        let mut state = Self {
            nodes,
            expanded,
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            paragraph_node,
        };
        state.rebuild_rows();
        state
    }

    fn rebuild_rows(&mut self) {
        let selected_node = self.rows.get(self.selected).copied();
        self.rows.clear();
        let mut i = 0;
        while i < self.nodes.len() {
            self.rows.push(i);
            let n = &self.nodes[i];
            i = if n.has_children(i) && !self.expanded.contains(&i) {
                n.end
            } else {
                i + 1
            };
        }
        if let Some(node) = selected_node {
            self.selected = self.row_showing(node);
        }
    }

    /// The visible row that shows node `node` (or its nearest visible ancestor).
    #[must_use]
    pub fn row_showing(&self, node: usize) -> usize {
        self.rows.partition_point(|&r| r <= node).saturating_sub(1)
    }

    /// The selected node.
    #[must_use]
    pub fn selected_node(&self) -> Option<&Node> {
        self.rows
            .get(self.selected)
            .and_then(|&i| self.nodes.get(i))
    }

    /// Select a row; returns whether the selection changed.
    pub fn select_row(&mut self, row: usize) -> bool {
        let row = row.min(self.rows.len().saturating_sub(1));
        let changed = self.selected != row;
        self.selected = row;
        changed
    }

    /// Select the row showing unit `unit` of the reading pane.
    pub fn follow_unit(&mut self, unit: usize) -> bool {
        let node = match Document::paragraph_of(unit) {
            None => 0,
            Some(i) => self.paragraph_node.get(i).copied().unwrap_or(0),
        };
        self.select_row(self.row_showing(node))
    }

    /// Expand the selected node; returns whether anything changed.
    pub fn expand(&mut self) -> bool {
        let Some(&i) = self.rows.get(self.selected) else {
            return false;
        };
        if self.nodes[i].has_children(i) && self.expanded.insert(i) {
            self.rebuild_rows();
            return true;
        }
        false
    }

    /// Collapse the selected node, or select its parent when it is a leaf or closed.
    pub fn collapse(&mut self) -> bool {
        let Some(&i) = self.rows.get(self.selected) else {
            return false;
        };
        if self.expanded.remove(&i) {
            self.rebuild_rows();
            return true;
        }
        let depth = self.nodes[i].depth;
        if depth == 0 {
            return false;
        }
        let parent = (0..i).rev().find(|&j| self.nodes[j].depth < depth);
        parent.is_some_and(|p| self.select_row(self.row_showing(p)))
    }

    /// Expand or collapse the selected node.
    pub fn toggle(&mut self) -> bool {
        let Some(&i) = self.rows.get(self.selected) else {
            return false;
        };
        if self.expanded.contains(&i) {
            self.collapse()
        } else {
            self.expand()
        }
    }

    /// The reading-pane unit a node stands for.
    #[must_use]
    pub fn unit_of(&self, doc: &Document, id: NodeId) -> usize {
        match id {
            NodeId::Header | NodeId::HeaderField(_) | NodeId::Refs | NodeId::Ref(_) => 0,
            NodeId::Section(s) => doc
                .cable
                .sections
                .get(s)
                .and_then(|s| s.paragraphs.first())
                .map_or(0, |&p| Document::unit_of(p)),
            NodeId::Paragraph(p) | NodeId::Exchange(p, _) => Document::unit_of(p),
        }
    }

    /// Where in its paragraph's clean text a node begins (an exchange's sub-paragraph);
    /// 0 for the others.
    #[must_use]
    pub fn offset_of(doc: &Document, id: NodeId) -> usize {
        match id {
            NodeId::Exchange(p, k) => doc
                .cable
                .paragraphs
                .get(p)
                .and_then(|p| p.subparagraphs.get(k))
                .map_or(0, |s| s.range.start),
            _ => 0,
        }
    }
}
