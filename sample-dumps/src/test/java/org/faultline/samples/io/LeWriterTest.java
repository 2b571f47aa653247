package org.faultline.samples.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class LeWriterTest {
    @Test
    void writesLittleEndianIntegers() {
        byte[] b = new LeWriter().u8(0x01).u16(0x0302).u32(0x0706_0504L).u64(0x0F0E_0D0C_0B0A_0908L).toByteArray();
        assertThat(b).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    }

    @Test
    void acceptsSignedAndUnsignedRangesButNothingWider() {
        assertThat(new LeWriter().u32(-1).toByteArray()).isEqualTo(new LeWriter().u32(0xFFFF_FFFFL).toByteArray());
        assertThatThrownBy(() -> new LeWriter().u32(0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LeWriter().u16(0x1_0000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LeWriter().u8(-129)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void alignsPadsAndPatches() {
        LeWriter w = new LeWriter(1).u8(7).align(4);
        assertThat(w.position()).isEqualTo(4);
        w.align(4).u32(0).putU32(4, 0xAABB_CCDDL).padTo(16);
        assertThat(w.toByteArray()).hasSize(16).startsWith(7, 0, 0, 0, 0xDD, 0xCC, 0xBB, 0xAA);
        assertThatThrownBy(() -> w.putU64(12, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> w.align(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesGuidInWindowsOrder() {
        byte[] b = new LeWriter().guid(UUID.fromString("971F98E5-CE60-41FF-B2D7-235BBEB34578")).toByteArray();
        assertThat(b).containsExactly(0xE5, 0x98, 0x1F, 0x97, 0x60, 0xCE, 0xFF, 0x41,
                0xB2, 0xD7, 0x23, 0x5B, 0xBE, 0xB3, 0x45, 0x78);
        assertThat(Guids.parse("{971f98e5-ce60-41ff-b2d7-235bbeb34578}"))
                .isEqualTo(UUID.fromString("971F98E5-CE60-41FF-B2D7-235BBEB34578"));
        assertThatThrownBy(() -> Guids.parse("971F98E5")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesFixedWcharArrays() {
        assertThat(new LeWriter().utf16Fixed("ab", 4).toByteArray()).containsExactly('a', 0, 'b', 0, 0, 0, 0, 0);
        assertThat(new LeWriter().utf16Fixed("abcd", 4).toByteArray()).hasSize(8);
        assertThatThrownBy(() -> new LeWriter().utf16Fixed("abcde", 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
