package org.faultline.symbols.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorePathsTest {
    @TempDir
    Path tmp;

    @Test
    void safeComponentsStayInside() throws Exception {
        Path root = StorePaths.realRoot(tmp);
        assertThat(StorePaths.inside(root, List.of("x.pdb", "AB1", "x.pdb")))
                .isEqualTo(root.resolve("x.pdb").resolve("AB1").resolve("x.pdb"));
    }

    @Test
    void everyEscapeIsRefused() throws Exception {
        Path root = StorePaths.realRoot(tmp);
        for (List<String> bad : List.<List<String>>of(List.of(".."), List.of("a", ".."), List.of("..", "x.pdb"), List.of("/etc"),
                List.of("a/../../x"), List.of("C:\\Windows"), List.of("C:"), List.of("\\\\server\\share"),
                List.of(""), List.of("x\u0000"), List.of("CON"), List.of(), List.of("."))) {
            assertThatThrownBy(() -> StorePaths.inside(root, bad)).as(bad.toString())
                    .isInstanceOf(UnsafeNameException.class);
        }
    }
}
