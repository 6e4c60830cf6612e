//! Every message key the code names literally exists in both catalogs (keys built at run time
//! are checked by a unit test in src/i18n).

use std::path::Path;

use mentor_bot::domain::Lang;
use mentor_bot::i18n::keys;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_literal_key_used_in_the_code_exists_in_both_languages() {
    let call = regex::Regex::new(r#"\bt(?:_args)?\(\s*[^,()]+,\s*"([a-z0-9-]+)""#).unwrap();
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut used = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for cap in call.captures_iter(&text) {
            used.push((cap[1].to_string(), file.display().to_string()));
        }
    }
    assert!(
        used.len() > 15,
        "the scan found the calls ({} found)",
        used.len()
    );
    for lang in Lang::ALL {
        let keys = keys(lang);
        for (key, file) in &used {
            assert!(
                keys.contains(key) || key == "no-such-key",
                "{key} (used in {file}) missing in {}",
                lang.code()
            );
        }
    }
}
