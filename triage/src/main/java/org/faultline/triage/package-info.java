/** Dump plus symbols to findings, verdict, bucket and reports. */
package org.faultline.triage;
