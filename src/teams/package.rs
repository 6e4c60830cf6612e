//! `mentor-bot teams-package`: the Teams app package (manifest.json + two icons) as a zip,
//! ready to upload in Teams (Apps → Manage your apps → Upload an app) or the admin center.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use image::{ImageEncoder, Rgba, RgbaImage};
use serde_json::{json, Value};

use crate::domain::Lang;
use crate::i18n::t;

/// The package's file name.
pub const PACKAGE_FILE: &str = "mentor-bot-teams.zip";
/// The manifest schema version the package follows (commandLists: ≤ 10 commands, title ≤ 32,
/// description ≤ 128).
pub const MANIFEST_VERSION: &str = "1.19";
pub const COLOR_ICON: &str = "color.png";
pub const OUTLINE_ICON: &str = "outline.png";
/// The icons' sizes Teams asks for.
pub const COLOR_SIZE: u32 = 192;
pub const OUTLINE_SIZE: u32 = 32;

const COMMAND_TITLE_MAX: usize = 32;
const COMMAND_DESCRIPTION_MAX: usize = 128;

/// What the manifest says besides the app id; every field has a default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageOptions {
    /// The app's version (semver); bump it for every upload of a changed package.
    pub version: String,
    /// At most 30 characters.
    pub short_name: String,
    /// At most 100 characters.
    pub full_name: String,
    /// At most 32 characters.
    pub developer_name: String,
    /// HTTPS URLs shown on the app's details page.
    pub website_url: String,
    pub privacy_url: String,
    pub terms_url: String,
    /// Domains the app may open (the bot's own, for links it sends).
    pub valid_domains: Vec<String>,
    /// `#RRGGBB`, behind the outline icon.
    pub accent_color: String,
}

impl Default for PackageOptions {
    fn default() -> Self {
        Self {
            version: env!("CARGO_PKG_VERSION").to_string(),
            short_name: "Mentor program".to_string(),
            full_name: "Mentor program (mentor-bot)".to_string(),
            developer_name: "Mentor program office".to_string(),
            website_url: "https://www.example.com/mentor-program".to_string(),
            privacy_url: "https://www.example.com/mentor-program/privacy".to_string(),
            terms_url: "https://www.example.com/mentor-program/terms".to_string(),
            valid_domains: Vec::new(),
            accent_color: "#2E7D5B".to_string(),
        }
    }
}

/// The commands people type in the personal chat, as the manifest lists them (English titles:
/// the words the bot reads; Japanese words are read too).
fn commands() -> Vec<Value> {
    super::cards::TEAMS_COMMANDS
        .into_iter()
        .map(|sub| {
            let title: String = sub.word().chars().take(COMMAND_TITLE_MAX).collect();
            let description: String = t(Lang::En, &format!("teams-command-{}", sub.word()))
                .chars()
                .take(COMMAND_DESCRIPTION_MAX)
                .collect();
            json!({"title": title, "description": description})
        })
        .collect()
}

/// The manifest for app id `app_id` (TEAMS_APP_ID, a GUID): one bot in personal scope with
/// the commands people type, the two icons, the names and the developer of `options`.
pub fn manifest(app_id: &str, options: &PackageOptions) -> Value {
    let cut = |text: &str, max: usize| text.chars().take(max).collect::<String>();
    json!({
        "$schema": "https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json",
        "manifestVersion": MANIFEST_VERSION,
        "version": options.version,
        "id": app_id,
        "developer": {
            "name": cut(&options.developer_name, 32),
            "websiteUrl": options.website_url,
            "privacyUrl": options.privacy_url,
            "termsOfUseUrl": options.terms_url,
        },
        "icons": {"color": COLOR_ICON, "outline": OUTLINE_ICON},
        "name": {"short": cut(&options.short_name, 30), "full": cut(&options.full_name, 100)},
        "description": {
            "short": cut(&t(Lang::En, "teams-app-short"), 80),
            "full": cut(&t(Lang::En, "teams-app-full"), 4000),
        },
        "accentColor": options.accent_color,
        "bots": [{
            "botId": app_id,
            "scopes": ["personal"],
            "supportsFiles": true,
            "isNotificationOnly": false,
            "commandLists": [{"scopes": ["personal"], "commands": commands()}],
        }],
        "validDomains": options.valid_domains,
    })
}

/// Whether `id` is a GUID (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`), as Teams requires.
pub fn is_guid(id: &str) -> bool {
    let parts: Vec<&str> = id.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, len)| p.len() == len && p.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Writes `mentor-bot-teams.zip` (manifest.json, color.png, outline.png) into `dir` and
/// returns its path. The zip is written beside it first and renamed, so a failure never
/// leaves half a package.
pub fn write_package(
    dir: &Path,
    app_id: &str,
    options: &PackageOptions,
) -> anyhow::Result<PathBuf> {
    if !is_guid(app_id) {
        bail!("TEAMS_APP_ID must be the bot's Microsoft App ID, a GUID such as 00000000-0000-0000-0000-000000000000 (got {app_id:?})");
    }
    let manifest = serde_json::to_vec_pretty(&manifest(app_id, options))?;
    let path = dir.join(PACKAGE_FILE);
    let partial = dir.join(format!("{PACKAGE_FILE}.partial"));
    let file = std::fs::File::create(&partial)
        .with_context(|| format!("creating {}", partial.display()))?;
    let mut zip = zip::ZipWriter::new(file);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in [
        ("manifest.json", manifest),
        (COLOR_ICON, color_icon()?),
        (OUTLINE_ICON, outline_icon()?),
    ] {
        zip.start_file(name, deflated)
            .with_context(|| format!("adding {name} to the package"))?;
        zip.write_all(&bytes)
            .with_context(|| format!("writing {name} into the package"))?;
    }
    zip.finish().context("finishing the package")?;
    std::fs::rename(&partial, &path).with_context(|| format!("writing {}", path.display()))?;
    Ok(path)
}

/// Two people side by side (mentor and mentee), drawn at `size`: a head and shoulders each.
fn people(size: u32, paint: Rgba<u8>, background: Rgba<u8>) -> RgbaImage {
    let s = size as f32;
    let mut image = RgbaImage::from_pixel(size, size, background);
    // (centre x, head y, head radius, shoulders y, shoulders radius), in fractions of the size.
    let figures = [
        (0.37, 0.36, 0.13, 0.80, 0.24),
        (0.66, 0.43, 0.10, 0.82, 0.18),
    ];
    for (x, y, pixel) in image.enumerate_pixels_mut() {
        let (px, py) = ((x as f32 + 0.5) / s, (y as f32 + 0.5) / s);
        let inside = figures.iter().any(|(cx, hy, hr, sy, sr)| {
            let head = (px - cx).powi(2) + (py - hy).powi(2) <= hr * hr;
            let shoulders =
                (px - cx).powi(2) + (py - sy).powi(2) <= sr * sr && py <= 0.86 && py >= sy - sr;
            head || shoulders
        });
        if inside {
            *pixel = paint;
        }
    }
    image
}

fn png(image: &RgbaImage) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Cursor::new(Vec::new());
    image::codecs::png::PngEncoder::new(&mut bytes)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ColorType::Rgba8,
        )
        .context("encoding an icon")?;
    Ok(bytes.into_inner())
}

/// The full-colour icon: white people on the accent colour, 192×192.
pub fn color_icon() -> anyhow::Result<Vec<u8>> {
    let accent = Rgba([0x2E, 0x7D, 0x5B, 0xFF]);
    png(&people(COLOR_SIZE, Rgba([0xFF, 0xFF, 0xFF, 0xFF]), accent))
}

/// The outline icon: white on transparent, 32×32.
pub fn outline_icon() -> anyhow::Result<Vec<u8>> {
    png(&people(
        OUTLINE_SIZE,
        Rgba([0xFF, 0xFF, 0xFF, 0xFF]),
        Rgba([0, 0, 0, 0]),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    const APP_ID: &str = "6b0a4b4e-6c4b-4e0a-9f4e-1c2d3e4f5a6b";

    fn schema_errors(manifest: &Value) -> Vec<String> {
        let schema: Value = serde_json::from_str(include_str!(
            "../../crates/fake-teams/fixtures/manifest/MicrosoftTeams.schema.v1.19.json"
        ))
        .unwrap();
        let validator = jsonschema::draft4::new(&schema).expect("the manifest schema compiles");
        validator
            .iter_errors(manifest)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect()
    }

    #[test]
    fn the_manifest_is_valid_against_the_teams_1_19_schema() {
        let options = PackageOptions {
            valid_domains: vec!["mentor.example.com".into()],
            ..PackageOptions::default()
        };
        let manifest = manifest(APP_ID, &options);
        assert_eq!(schema_errors(&manifest), Vec::<String>::new());
        assert_eq!(manifest["manifestVersion"], "1.19");
        assert_eq!(manifest["id"], APP_ID);
        let bot = &manifest["bots"][0];
        assert_eq!(bot["botId"], APP_ID);
        assert_eq!(bot["scopes"], json!(["personal"]));
        assert_eq!(bot["supportsFiles"], true);
        let list = &bot["commandLists"][0];
        assert_eq!(list["scopes"], json!(["personal"]));
        let titles: Vec<&str> = list["commands"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["title"].as_str().unwrap())
            .collect();
        // Exactly the commands that work in Teams (the rest stay in Slack for now).
        assert_eq!(
            titles,
            [
                "help", "find", "home", "hours", "history", "nudges", "survey", "insight", "stats",
                "admin"
            ]
        );
        assert!(titles.len() <= 10);
        // A bad manifest is caught by the same check.
        let mut broken = manifest.clone();
        broken["bots"][0]["botId"] = json!("not a guid");
        assert!(!schema_errors(&broken).is_empty());
    }

    #[test]
    fn every_command_is_described_in_both_languages_within_the_limits() {
        for sub in crate::domain::SubCommand::ALL {
            for lang in Lang::ALL {
                let key = format!("teams-command-{}", sub.word());
                let text = t(lang, &key);
                assert_ne!(text, key, "{key} in {}", lang.code());
                assert!(text.chars().count() <= COMMAND_DESCRIPTION_MAX, "{text}");
            }
        }
    }

    #[test]
    fn the_package_holds_the_manifest_and_both_icons_at_their_sizes() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_package(dir.path(), APP_ID, &PackageOptions::default()).unwrap();
        assert_eq!(path, dir.path().join("mentor-bot-teams.zip"));
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        let mut names: Vec<String> = zip.file_names().map(str::to_string).collect();
        names.sort();
        assert_eq!(names, ["color.png", "manifest.json", "outline.png"]);
        let mut read = |name: &str| {
            let mut bytes = Vec::new();
            zip.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
            bytes
        };
        let manifest: Value = serde_json::from_slice(&read("manifest.json")).unwrap();
        assert_eq!(manifest["bots"][0]["botId"], APP_ID);
        assert_eq!(schema_errors(&manifest), Vec::<String>::new());
        let icon = |bytes: Vec<u8>| {
            let decoder = png::Decoder::new(Cursor::new(bytes));
            let mut reader = decoder.read_info().unwrap();
            let mut pixels = vec![0; reader.output_buffer_size()];
            let info = reader.next_frame(&mut pixels).unwrap();
            pixels.truncate(info.buffer_size());
            (info.width, info.height, info.color_type, pixels)
        };
        let (w, h, _, color) = icon(read("color.png"));
        assert_eq!((w, h), (192, 192));
        assert!(
            color.chunks(4).all(|p| p[3] == 0xFF),
            "the colour icon is opaque"
        );
        let (w, h, kind, outline) = icon(read("outline.png"));
        assert_eq!((w, h, kind), (32, 32, png::ColorType::Rgba));
        // White on transparent: every pixel is transparent or white, and some are each.
        assert!(outline
            .chunks(4)
            .all(|p| p[3] == 0 || (p[3] == 0xFF && p[..3] == [0xFF; 3])));
        assert!(outline.chunks(4).any(|p| p[3] == 0));
        assert!(outline.chunks(4).any(|p| p[3] == 0xFF));
        assert!(!dir.path().join("mentor-bot-teams.zip.partial").exists());
    }

    #[test]
    fn an_app_id_that_is_not_a_guid_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let error = write_package(dir.path(), "mentor-bot", &PackageOptions::default())
            .unwrap_err()
            .to_string();
        assert!(error.contains("TEAMS_APP_ID"), "{error}");
        assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
        assert!(is_guid(APP_ID) && is_guid(&APP_ID.to_uppercase()));
        assert!(!is_guid("6b0a4b4e6c4b4e0a9f4e1c2d3e4f5a6b"));
    }
}
