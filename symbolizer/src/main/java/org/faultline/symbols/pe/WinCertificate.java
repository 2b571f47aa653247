package org.faultline.symbols.pe;

import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * A WIN_CERTIFICATE header in the attribute-certificate table (data directory 4, addressed by file offset).
 *
 * @param offset          file offset of the entry
 * @param length          dwLength: the whole entry including this 8-byte header
 * @param revision        wRevision (0x0200 for current Authenticode)
 * @param certificateType wCertificateType ({@link #TYPE_PKCS_SIGNED_DATA} for Authenticode)
 */
public record WinCertificate(long offset, long length, int revision, int certificateType) {
    public static final int SIZE = 8;
    public static final int TYPE_X509 = 1;
    public static final int TYPE_PKCS_SIGNED_DATA = 2;

    public static WinCertificate read(Cursor c) throws DumpFormatException {
        long at = c.absolutePosition();
        return new WinCertificate(at, c.u32(), c.u16(), c.u16());
    }

    /** An Authenticode (PKCS#7 SignedData) entry. */
    public boolean isAuthenticode() {
        return certificateType == TYPE_PKCS_SIGNED_DATA;
    }
}
