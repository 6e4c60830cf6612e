//! The survey chart as a PNG (issue 11): the growth feeling's monthly average and the 1on1s
//! held per month, with Japanese labels drawn from a CJK font file (`DEFAULT_FONT`, Debian's
//! `fonts-noto-cjk`, which `.ci/run` installs; `MENTOR_BOT_CJK_FONT` points elsewhere).
//! Months with fewer than `MIN_GROUP` answers or 1on1s are left out.

use std::path::Path;
use std::sync::OnceLock;

use plotters::prelude::*;
use plotters::style::FontStyle;

use crate::domain::survey::MIN_GROUP;

/// Where Debian's `fonts-noto-cjk` puts the font the chart uses.
pub const DEFAULT_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
/// The family name the font is registered under in plotters.
const FAMILY: &str = "mentor-cjk";
pub const WIDTH: u32 = 800;
pub const HEIGHT: u32 = 600;

static FONT: OnceLock<Result<(), String>> = OnceLock::new();

/// Whether the CJK font file is there to load when a chart is first drawn (at start-up: the
/// font is 20 MB, kept out of memory until a chart needs it).
pub fn check_font(path: &Path) -> Result<(), String> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(()),
        Ok(_) => Err(format!("{} is not a file", path.display())),
        Err(e) => Err(format!("the chart font {}: {e}", path.display())),
    }
}

/// Loads the CJK font once per process (plotters keeps fonts process-wide); later calls
/// return the first outcome.
pub fn load_font(path: &Path) -> Result<(), String> {
    FONT.get_or_init(|| {
        let bytes = std::fs::read(path)
            .map_err(|e| format!("read the chart font {}: {e}", path.display()))?;
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        plotters::style::register_font(FAMILY, FontStyle::Normal, bytes)
            .map_err(|_| format!("{} is not a font file", path.display()))
    })
    .clone()
}

/// What the chart shows: one row per month (`YYYY-MM`), the growth average in tenths (hidden
/// below 3 answers) and the 1on1s held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartMonth {
    pub month: String,
    pub growth_tenths: Option<u32>,
    pub held: usize,
}

/// The labels, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartLabels {
    pub title: String,
    pub growth: String,
    pub held: String,
}

/// Draws the chart into an RGB buffer of `WIDTH` × `HEIGHT`.
pub fn draw_rgb(months: &[ChartMonth], labels: &ChartLabels) -> Result<Vec<u8>, String> {
    load_font(&crate::config::cjk_font_path())?;
    let mut buf = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let root = root
            .titled(&labels.title, (FAMILY, 28))
            .map_err(|e| e.to_string())?;
        let (top, bottom) = root.split_vertically(HEIGHT / 2 - 20);
        let n = months.len().max(1) as i32;
        let label = |i: &i32| {
            months
                .get(*i as usize)
                .map(|m| m.month.clone())
                .unwrap_or_default()
        };
        let mut growth = ChartBuilder::on(&top)
            .caption(&labels.growth, (FAMILY, 20))
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(40)
            .build_cartesian_2d(-1..n, 0f64..5f64)
            .map_err(|e| e.to_string())?;
        growth
            .configure_mesh()
            .x_label_formatter(&label)
            .label_style((FAMILY, 14))
            .draw()
            .map_err(|e| e.to_string())?;
        let points: Vec<(i32, f64)> = months
            .iter()
            .enumerate()
            .filter_map(|(i, m)| Some((i as i32, m.growth_tenths? as f64 / 10.0)))
            .collect();
        growth
            .draw_series(LineSeries::new(points.clone(), BLUE.stroke_width(3)))
            .map_err(|e| e.to_string())?;
        growth
            .draw_series(points.iter().map(|p| Circle::new(*p, 5, BLUE.filled())))
            .map_err(|e| e.to_string())?;
        let most = months.iter().map(|m| m.held).max().unwrap_or(0).max(1);
        let mut held = ChartBuilder::on(&bottom)
            .caption(&labels.held, (FAMILY, 20))
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(40)
            .build_cartesian_2d(-1..n, 0..(most + 1))
            .map_err(|e| e.to_string())?;
        held.configure_mesh()
            .x_label_formatter(&label)
            .label_style((FAMILY, 14))
            .draw()
            .map_err(|e| e.to_string())?;
        held.draw_series(
            months
                .iter()
                .enumerate()
                .filter(|(_, m)| m.held >= MIN_GROUP)
                .map(|(i, m)| {
                    let x = i as i32;
                    Rectangle::new([(x, 0), (x, m.held)], GREEN.stroke_width(20))
                }),
        )
        .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(buf)
}

/// The chart as PNG bytes.
pub fn png(months: &[ChartMonth], labels: &ChartLabels) -> Result<Vec<u8>, String> {
    let rgb = draw_rgb(months, labels)?;
    let image = image::RgbImage::from_raw(WIDTH, HEIGHT, rgb).ok_or("chart buffer size")?;
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut out, image::ImageOutputFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dark pixels of `text` drawn alone at 40 px (a bitmap of where ink is).
    fn ink(text: &str) -> Vec<bool> {
        load_font(Path::new(DEFAULT_FONT)).expect("the CJK font is installed (.ci/run)");
        let (w, h) = (60u32, 60u32);
        let mut buf = vec![255u8; (w * h * 3) as usize];
        {
            let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
            root.draw_text(text, &(FAMILY, 40).into_text_style(&root), (5, 5))
                .unwrap();
            root.present().unwrap();
        }
        buf.chunks(3).map(|p| p[0] < 128).collect()
    }

    #[test]
    fn japanese_glyphs_are_drawn_not_boxes() {
        let (sei, cho, jitsu) = (ink("成"), ink("長"), ink("実"));
        let count = |v: &[bool]| v.iter().filter(|b| **b).count();
        assert!(count(&sei) > 50, "ink is drawn");
        // A missing glyph is the same box for every character: real glyphs differ.
        assert_ne!(sei, cho);
        assert_ne!(cho, jitsu);
        let differing = sei.iter().zip(&cho).filter(|(a, b)| a != b).count();
        assert!(differing > 50, "{differing}");
    }

    #[test]
    fn the_chart_is_a_png_of_the_expected_size() {
        let months = vec![
            ChartMonth {
                month: "2026-11".into(),
                growth_tenths: Some(33),
                held: 4,
            },
            ChartMonth {
                month: "2026-12".into(),
                growth_tenths: None,
                held: 2,
            },
        ];
        let labels = ChartLabels {
            title: "月次サーベイ".into(),
            growth: "成長実感（月平均）".into(),
            held: "1on1数（月別）".into(),
        };
        let bytes = png(&months, &labels).unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        let image = image::load_from_memory(&bytes).unwrap();
        assert_eq!((image.width(), image.height()), (WIDTH, HEIGHT));
    }
}
