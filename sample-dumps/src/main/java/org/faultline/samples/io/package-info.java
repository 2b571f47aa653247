/** Little-endian byte writing shared by the synthetic dump writers (minidump, kernel dump). */
package org.faultline.samples.io;
