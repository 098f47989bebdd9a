//! Writing a generated crate all or nothing.
//!
//! Every new file is first written to a staging directory inside the output directory (so
//! renames stay on one file system); only when all of them are written are they renamed
//! into place, the files they replace and the stale files being moved aside. If any step
//! fails, the steps already done are undone in reverse order, directories created on the way
//! are removed, and the output directory is left exactly as it was. Every error names the
//! path it concerns.

use std::io;
use std::path::{Path, PathBuf};

/// Adds the path to an I/O error's message, keeping its kind.
pub(crate) fn at<'a>(path: &'a Path, action: &'a str) -> impl FnOnce(io::Error) -> io::Error + 'a {
    move |e| io::Error::new(e.kind(), format!("cannot {action} {}: {e}", path.display()))
}

/// A step already taken, with what undoes it.
enum Done {
    /// `from` was renamed to `to`.
    Renamed { from: PathBuf, to: PathBuf },
    /// A directory that did not exist was created.
    CreatedDir(PathBuf),
}

/// Writes `files` (relative path, contents) under `dir` and removes `stale` (relative
/// paths), all or nothing.
pub(crate) fn write_all_or_nothing(
    dir: &Path,
    files: &[(&Path, &str)],
    stale: &[PathBuf],
) -> io::Result<()> {
    if files.is_empty() && stale.is_empty() {
        return Ok(());
    }
    let mut done = Vec::new();
    let staging = create_dirs(dir, &mut done).and_then(|()| {
        tempfile::Builder::new()
            .prefix(".smithy-codegen-staging-")
            .tempdir_in(dir)
            .map_err(at(dir, "create a staging directory in"))
    });
    let staging = match staging {
        Ok(staging) => staging,
        Err(e) => {
            undo(done);
            return Err(e);
        }
    };
    // The staging directory outlives the undo: it holds the files set aside.
    match stage_and_commit(dir, staging.path(), files, stale, &mut done) {
        Ok(()) => staging
            .close()
            .map_err(at(dir, "remove the staging directory in")),
        Err(e) => {
            undo(done);
            Err(e)
        }
    }
}

fn stage_and_commit(
    dir: &Path,
    staging: &Path,
    files: &[(&Path, &str)],
    stale: &[PathBuf],
    done: &mut Vec<Done>,
) -> io::Result<()> {
    let new = staging.join("new");
    let old = staging.join("old");
    for (relative, text) in files {
        let staged = new.join(relative);
        if let Some(parent) = staged.parent() {
            std::fs::create_dir_all(parent).map_err(at(&dir.join(relative), "stage"))?;
        }
        std::fs::write(&staged, text).map_err(at(&dir.join(relative), "stage"))?;
    }
    for (relative, _) in files {
        let target = dir.join(relative);
        if let Some(parent) = target.parent() {
            create_dirs(parent, done)?;
        }
        if target.exists() {
            move_aside(&target, &old.join(relative), done)?;
        }
        rename(&new.join(relative), &target, done)?;
    }
    for relative in stale {
        move_aside(&dir.join(relative), &old.join(relative), done)?;
    }
    Ok(())
}

fn move_aside(path: &Path, backup: &Path, done: &mut Vec<Done>) -> io::Result<()> {
    if let Some(parent) = backup.parent() {
        std::fs::create_dir_all(parent).map_err(at(path, "set aside"))?;
    }
    rename(path, backup, done)
}

fn rename(from: &Path, to: &Path, done: &mut Vec<Done>) -> io::Result<()> {
    std::fs::rename(from, to).map_err(at(to, "write"))?;
    done.push(Done::Renamed {
        from: from.to_path_buf(),
        to: to.to_path_buf(),
    });
    Ok(())
}

/// Creates `dir` and its missing ancestors, recording each one created.
fn create_dirs(dir: &Path, done: &mut Vec<Done>) -> io::Result<()> {
    let mut missing = Vec::new();
    let mut current = Some(dir);
    while let Some(path) = current {
        if path.as_os_str().is_empty() || path.is_dir() {
            break;
        }
        missing.push(path.to_path_buf());
        current = path.parent();
    }
    for path in missing.into_iter().rev() {
        std::fs::create_dir(&path).map_err(at(&path, "create the directory"))?;
        done.push(Done::CreatedDir(path));
    }
    Ok(())
}

/// Undoes `done` in reverse order, best effort (the first error is already being reported).
fn undo(done: Vec<Done>) {
    for step in done.into_iter().rev() {
        let _ = match step {
            Done::Renamed { from, to } => std::fs::rename(&to, &from),
            Done::CreatedDir(path) => std::fs::remove_dir_all(&path),
        };
    }
}
