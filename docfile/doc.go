// Package docfile checks and prepares a file a person uploads as evidence
// (a phone photo of a birth certificate, a scanned PDF) before anything is
// stored: its type is found from its content, never its name or the
// browser's word; programs, empty files, images too large to decode, PDFs
// built to exhaust a reader and files over the limits are refused with a
// message naming the file; photos are turned upright from their EXIF
// orientation and re-encoded, which drops every EXIF field (the GPS
// position included); and a small preview of the first page is made.
//
// HEIC photos (an iPhone's default) are refused with a way out: no pure-Go
// HEIC decoder exists (shared/design/dependencies.md), and the phone's
// camera can send JPEG ("Most Compatible") or the browser converts when
// the page asks for image/jpeg.
//
// Memory is bounded: a file is read through a limit (Read), at most
// Slots files are decoded at once, an image's size is read from its header
// before it is decoded, and PDFs are opened by poppler's tools in a child
// process with a time and memory limit.
package docfile
