/** RFC 6266: an ASCII fallback and the UTF-8 name. */
export function contentDisposition(filename: string): string {
  return `attachment; filename="${filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
