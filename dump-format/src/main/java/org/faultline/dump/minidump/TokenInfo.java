package org.faultline.dump.minidump;

/** One MINIDUMP_TOKEN_INFO_HEADER entry of the token stream; the token bytes are left raw. */
public record TokenInfo(long tokenId, long tokenHandle, long tokenSize) {
}
