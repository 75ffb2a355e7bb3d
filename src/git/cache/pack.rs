//! One pack file of the history cache: many entries (a blob id and its summary's bytes) in one
//! file, written once and never changed, named after the checksum of its index.
//!
//! ```text
//! header   "PLNTPACK", format (u32), entries (u32), binding (20)     36 bytes
//! index    per entry, sorted by id: id (20), offset (u64), length (u32)   32 bytes each
//!          SHA-1 of the header and the index                        20 bytes
//! entries  per entry: SHA-1 of (id, payload) (20), id (20), payload (length bytes)
//! ```
//!
//! The binding is the SHA-1 of planlint's version and the repository's git directory
//! (`Cache::binding`): a pack another planlint version or another repository (a copied or
//! unpacked `.git`) wrote is not read, only replaced.
//!
//! Numbers are little-endian. Opening a pack reads only its header and index, checks the
//! index's checksum, that the ids are sorted and that every entry lies inside the file (a cut
//! pack is caught here); an entry is read on demand (one positioned read) and checked against
//! its own checksum, so a look-up never reads the rest of the pack. A SHA-1 per entry costs 40
//! bytes an entry (a 50-action summary is about 700): the price of not reading and hashing
//! every payload to trust one.

use crate::git::ObjectId;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

const MAGIC: &[u8; 8] = b"PLNTPACK";
const FORMAT: u32 = 3;
const HEAD: usize = 36;
const RECORD: usize = 32;
const SUM: usize = 20;
/// Before an entry's payload: its checksum and its id.
const ENTRY_HEAD: usize = 2 * SUM;
/// No payload is larger (a plan file is at most 8 MiB, its summary far smaller).
pub const MAX_PAYLOAD: usize = 4 << 20;
/// No pack holds more entries (a repository of 1,000 plans changed in 1,000 commits has
/// fewer): a header claiming more is refused before its index is read, so a forged or sparse
/// file never makes planlint allocate more than 32 MiB for an index.
pub const MAX_ENTRIES: usize = 1 << 20;
/// No pack is larger; a larger file (a sparse one, say) is not read.
const MAX_PACK: u64 = 1 << 30;
/// What identifies the planlint and the repository a pack was written for.
pub type Binding = [u8; SUM];

/// An open pack: its index in memory, its entries on disk.
pub struct Pack {
    pub path: PathBuf,
    file: File,
    /// `entries` records of `RECORD` bytes, sorted by id.
    index: Vec<u8>,
    /// Whether a damaged entry was found in it (then the pack is counted once, and replaced).
    damaged: AtomicBool,
}

/// What opening a pack found.
pub enum Opened {
    Pack(Pack),
    /// No longer there (another planlint merged it away): not an error.
    Gone,
    /// A pack planlint wrote (it starts with planlint's magic) that is not whole, or is of
    /// another format, version or repository: replaced by the next write.
    Damaged,
    /// Not a file planlint wrote (no magic, or not a regular file): never read, never removed.
    Foreign,
}

impl Pack {
    /// Opens the pack at `path`, reading its header and index only.
    pub fn open(path: &Path, binding: &Binding) -> Opened {
        match std::fs::symlink_metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Opened::Gone,
            Err(_) => return Opened::Foreign,
            Ok(m) if !m.file_type().is_file() => return Opened::Foreign,
            Ok(_) => {}
        }
        let file = match crate::workspace::files::open_regular_here(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Opened::Gone,
            Err(_) => return Opened::Foreign,
        };
        let mut magic = [0u8; 8];
        if read_at(&file, &mut magic, 0).is_err() || &magic != MAGIC {
            return Opened::Foreign;
        }
        match Pack::index_of(&file, binding) {
            Some(index) => Opened::Pack(Pack {
                path: path.to_path_buf(),
                file,
                index,
                damaged: AtomicBool::new(false),
            }),
            None => Opened::Damaged,
        }
    }

    fn index_of(file: &File, binding: &Binding) -> Option<Vec<u8>> {
        let len = file.metadata().ok()?.len();
        if len > MAX_PACK {
            return None;
        }
        let mut head = [0u8; HEAD];
        read_at(file, &mut head, 0).ok()?;
        if &head[..8] != MAGIC || u32_at(&head, 8)? != FORMAT || &head[16..HEAD] != binding {
            return None;
        }
        let n = usize::try_from(u32_at(&head, 12)?).ok()?;
        if n > MAX_ENTRIES {
            return None;
        }
        let start = HEAD + n.checked_mul(RECORD)?;
        if (start + SUM) as u64 > len {
            return None;
        }
        let mut all = vec![0u8; start + SUM];
        read_at(file, &mut all, 0).ok()?;
        let sum = ObjectId::from_bytes(&all[start..])?;
        if ObjectId::of_blob(&all[..start]) != sum {
            return None;
        }
        all.truncate(start);
        let index = all.split_off(HEAD);
        let data = (start + SUM) as u64;
        let mut last: Option<&[u8]> = None;
        for r in index.chunks_exact(RECORD) {
            let (id, offset, length) = (&r[..SUM], u64_at(r, SUM)?, u32_at(r, SUM + 8)?);
            if last.is_some_and(|l| l >= id)
                || offset < data
                || (length as usize) > MAX_PAYLOAD
                || offset.checked_add(ENTRY_HEAD as u64 + u64::from(length))? > len
            {
                return None;
            }
            last = Some(id);
        }
        Some(index)
    }

    /// How many entries it holds.
    pub fn len(&self) -> usize {
        self.index.len() / RECORD
    }

    /// The id of entry `i`.
    fn id(&self, i: usize) -> &[u8] {
        &self.index[i * RECORD..i * RECORD + SUM]
    }

    fn find(&self, oid: ObjectId) -> Option<usize> {
        let want = oid.as_bytes();
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.id(mid).cmp(want) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// Whether the index lists `oid` (its entry is not read).
    pub fn contains(&self, oid: ObjectId) -> bool {
        self.find(oid).is_some()
    }

    /// The payload of `oid`: `Ok(None)` when the pack does not hold it, `Err(())` when its entry
    /// is damaged (the pack is then marked, see `mark_damaged`).
    #[allow(clippy::result_unit_err)]
    pub fn read(&self, oid: ObjectId) -> Result<Option<Vec<u8>>, ()> {
        let Some(i) = self.find(oid) else {
            return Ok(None);
        };
        let r = &self.index[i * RECORD..(i + 1) * RECORD];
        let (Some(offset), Some(length)) = (u64_at(r, SUM), u32_at(r, SUM + 8)) else {
            return Err(());
        };
        let mut entry = vec![0u8; ENTRY_HEAD + length as usize];
        if read_at(&self.file, &mut entry, offset).is_err() {
            return Err(());
        }
        match checked(&entry, oid.as_bytes()) {
            Some(payload) => Ok(Some(payload.to_vec())),
            None => Err(()),
        }
    }

    /// Every entry whose checksum holds (for a merge), and whether some did not. Entries are
    /// read one at a time, each within the bounds `open` checked, so a forged index never makes
    /// this allocate more than one payload's worth at once beyond what it keeps.
    pub fn salvage(&self) -> (Vec<(ObjectId, Vec<u8>)>, bool) {
        let mut out = Vec::with_capacity(self.len());
        let mut bad = false;
        for r in self.index.chunks_exact(RECORD) {
            match ObjectId::from_bytes(&r[..SUM]).map(|oid| (oid, self.read(oid))) {
                Some((oid, Ok(Some(payload)))) => out.push((oid, payload)),
                _ => bad = true,
            }
        }
        (out, bad)
    }

    /// Marks the pack damaged: true the first time.
    pub fn mark_damaged(&self) -> bool {
        !self.damaged.swap(true, Ordering::Relaxed)
    }

    pub fn is_damaged(&self) -> bool {
        self.damaged.load(Ordering::Relaxed)
    }
}

/// The payload of an entry's bytes when they are for `id` and its checksum holds.
fn checked<'a>(entry: &'a [u8], id: &[u8]) -> Option<&'a [u8]> {
    if entry.len() < ENTRY_HEAD || &entry[SUM..ENTRY_HEAD] != id {
        return None;
    }
    let sum = ObjectId::from_bytes(&entry[..SUM])?;
    (ObjectId::of_blob(&entry[SUM..]) == sum).then_some(&entry[ENTRY_HEAD..])
}

/// The bytes of a pack holding `entries` (sorted and deduplicated here; a payload larger than
/// `MAX_PAYLOAD` is left out, and entries past `MAX_ENTRIES`, which are then parsed again when
/// needed), and its file name: `None` when it holds nothing.
pub fn build(
    mut entries: Vec<(ObjectId, Vec<u8>)>,
    binding: &Binding,
) -> Option<(String, Vec<u8>)> {
    entries.retain(|(_, p)| p.len() <= MAX_PAYLOAD);
    entries.sort_by_key(|a| a.0);
    entries.dedup_by(|a, b| a.0 == b.0);
    entries.truncate(MAX_ENTRIES);
    if entries.is_empty() {
        return None;
    }
    let n = u32::try_from(entries.len()).ok()?;
    let start = HEAD + entries.len() * RECORD;
    let size = start
        + SUM
        + entries
            .iter()
            .map(|(_, p)| ENTRY_HEAD + p.len())
            .sum::<usize>();
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(binding);
    let mut offset = (start + SUM) as u64;
    for (oid, p) in &entries {
        out.extend_from_slice(oid.as_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&(p.len() as u32).to_le_bytes());
        offset += (ENTRY_HEAD + p.len()) as u64;
    }
    let sum = ObjectId::of_blob(&out);
    out.extend_from_slice(sum.as_bytes());
    let mut body = Vec::new();
    for (oid, p) in &entries {
        body.clear();
        body.extend_from_slice(oid.as_bytes());
        body.extend_from_slice(p);
        let s = ObjectId::of_blob(&body);
        out.extend_from_slice(s.as_bytes());
        out.extend_from_slice(&body);
    }
    Some((format!("{sum}.pack"), out))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// Fills `buf` from `offset` without moving a shared cursor (threads read one pack at once).
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        file.read_exact_at(buf, offset)
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::FileExt;
        let mut done = 0;
        while done < buf.len() {
            match file.seek_read(&mut buf[done..], offset + done as u64)? {
                0 => return Err(io::ErrorKind::UnexpectedEof.into()),
                n => done += n,
            }
        }
        Ok(())
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (file, buf, offset);
        Err(io::ErrorKind::Unsupported.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const B: Binding = [7; SUM];

    fn oid(n: u8) -> ObjectId {
        ObjectId::of_blob(&[n])
    }

    #[test]
    fn a_pack_finds_its_entries_and_refuses_damage() {
        let dir = tempfile::tempdir().expect("temp dir");
        let entries: Vec<(ObjectId, Vec<u8>)> =
            (0..50u8).map(|n| (oid(n), vec![n; n as usize])).collect();
        let (name, bytes) = build(entries.clone(), &B).expect("a pack");
        assert!(name.ends_with(".pack"));
        let path = dir.path().join(&name);
        std::fs::write(&path, &bytes).expect("write");
        let Opened::Pack(p) = Pack::open(&path, &B) else {
            panic!("a whole pack opens")
        };
        assert_eq!(p.len(), 50);
        for (o, payload) in &entries {
            assert_eq!(p.read(*o), Ok(Some(payload.clone())));
        }
        assert_eq!(p.read(oid(200)), Ok(None));
        assert!(!p.contains(oid(200)));
        let (all, bad) = p.salvage();
        assert!(!bad);
        assert_eq!(all.len(), 50);

        // a flipped payload byte: that entry alone is refused
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        std::fs::write(&path, &flipped).expect("write");
        let Opened::Pack(p) = Pack::open(&path, &B) else {
            panic!("the index still holds")
        };
        let bad_ones = entries.iter().filter(|(o, _)| p.read(*o).is_err()).count();
        assert_eq!(bad_ones, 1);
        assert_eq!(p.salvage().0.len(), 49);

        // a cut anywhere, another format, nothing there: never opened; a cut before the
        // magic, or garbage, is not planlint's file at all
        for cut in [0, 7, HEAD, HEAD + 40, bytes.len() / 2, bytes.len() - 1] {
            std::fs::write(&path, &bytes[..cut]).expect("write");
            let opened = Pack::open(&path, &B);
            if cut < MAGIC.len() {
                assert!(matches!(opened, Opened::Foreign), "cut at {cut}");
            } else {
                assert!(matches!(opened, Opened::Damaged), "cut at {cut}");
            }
        }
        let mut other = bytes.clone();
        other[8] = 9;
        std::fs::write(&path, &other).expect("write");
        assert!(matches!(Pack::open(&path, &B), Opened::Damaged));
        std::fs::write(&path, b"\x00\xffgarbage").expect("write");
        assert!(matches!(Pack::open(&path, &B), Opened::Foreign));
        // another repository's or another planlint's pack is read by none
        std::fs::write(&path, &bytes).expect("write");
        assert!(matches!(Pack::open(&path, &[8; SUM]), Opened::Damaged));
        std::fs::remove_file(&path).expect("remove");
        assert!(matches!(Pack::open(&path, &B), Opened::Gone));
        assert!(build(Vec::new(), &B).is_none());
    }

    #[test]
    fn a_forged_header_or_a_sparse_file_allocates_nothing_large() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("forged.pack");
        // 2^31 entries claimed, in a 4 KB file and in a sparse 64 GiB one
        let mut head = Vec::new();
        head.extend_from_slice(MAGIC);
        head.extend_from_slice(&FORMAT.to_le_bytes());
        head.extend_from_slice(&(1u32 << 31).to_le_bytes());
        head.extend_from_slice(&B);
        head.resize(4096, 0);
        std::fs::write(&path, &head).expect("write");
        assert!(matches!(Pack::open(&path, &B), Opened::Damaged));
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .expect("open");
        f.set_len(64 << 30).expect("a sparse file");
        assert!(matches!(Pack::open(&path, &B), Opened::Damaged));
        // just within the entry cap but in a sparse file past the size cap
        head[12..16].copy_from_slice(&(MAX_ENTRIES as u32).to_le_bytes());
        std::fs::write(&path, &head).expect("write");
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .expect("open");
        f.set_len(MAX_PACK + 1).expect("a sparse file");
        assert!(matches!(Pack::open(&path, &B), Opened::Damaged));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_or_a_folder_named_like_a_pack_is_foreign() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (_, bytes) = build(vec![(oid(1), vec![1])], &B).expect("a pack");
        let real = dir.path().join("real.pack");
        std::fs::write(&real, &bytes).expect("write");
        let link = dir.path().join("link.pack");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        assert!(matches!(Pack::open(&link, &B), Opened::Foreign));
        let folder = dir.path().join("folder.pack");
        std::fs::create_dir(&folder).expect("mkdir");
        assert!(matches!(Pack::open(&folder, &B), Opened::Foreign));
        assert!(matches!(Pack::open(&real, &B), Opened::Pack(_)));
    }
}
