//! Everything the service writes is its user's alone: the database and its WAL, the file
//! outbox (whose messages hold working links), the cookie key, backups, exports and reports.
//! The process mask makes every new file 0600 and folder 0700 whatever the umask it was
//! started with; `tighten` corrects what an earlier release left readable.
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// Sets the process's file-creation mask to 077: called first thing, before any file is made.
pub fn restrict_process() {
    // SAFETY: umask only sets the calling process's mask and cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

/// Takes group and others' rights from `path` and, for a folder, from all it holds.
pub fn tighten(path: &Path) -> std::io::Result<()> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if meta.file_type().is_symlink() {
        return Ok(());
    }
    let mode = meta.permissions().mode();
    if mode & 0o077 != 0 {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o700))?;
    }
    if meta.is_dir() {
        for entry in std::fs::read_dir(path)? {
            tighten(&entry?.path())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_readable_tree_becomes_private() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("outbox");
        std::fs::create_dir(&sub).unwrap();
        let file = sub.join("1.eml");
        std::fs::write(&file, "x").unwrap();
        for (p, m) in [(&sub, 0o755), (&file, 0o644)] {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
        }
        tighten(dir.path()).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&sub), 0o700);
        assert_eq!(mode(&file), 0o600);
        assert!(tighten(&dir.path().join("absent")).is_ok());
    }
}
