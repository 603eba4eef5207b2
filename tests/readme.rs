//! The README is the user's reference: every diagnostic code must be in its table.

use yanxiu::diagnostic::Code;

#[test]
fn readme_lists_every_diagnostic_code() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for code in Code::ALL {
        let row = format!("| {} |", code.as_str());
        assert!(
            readme.contains(&row),
            "README.md has no table row for {code}"
        );
    }
}
