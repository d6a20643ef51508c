//! Whole-screen snapshots of the reader on `TestBackend` (buffer text only, so colours
//! and `NO_COLOR` do not matter).

use cablescope::action::Action;
use cablescope::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// The buffer's text, one line per row, trailing spaces trimmed.
pub fn buffer_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        for x in area.left()..area.right() {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The seed cable, opened as the binary opens it.
pub fn seed() -> App {
    App::from_text(
        "06MEXICO1113.txt",
        None,
        include_str!("../fixtures/06MEXICO1113.txt"),
    )
}

/// Draw `app` at `width`x`height` and return the screen text.
pub fn draw(app: &mut App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|f| cablescope::ui::render(app, f))
        .expect("draw");
    buffer_text(terminal.backend().buffer())
}

#[test]
fn seed_at_160x50() {
    let mut app = seed();
    draw(&mut app, 160, 50);
    for a in [Action::PageDown, Action::PageDown] {
        app.update(a);
    }
    insta::assert_snapshot!(draw(&mut app, 160, 50));
}
