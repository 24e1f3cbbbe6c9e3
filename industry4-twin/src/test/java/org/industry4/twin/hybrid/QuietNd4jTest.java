package org.industry4.twin.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ND4J's "Added differentiated op" lines stay off standard output; nothing else does. */
class QuietNd4jTest {

    @Test
    void theFilterDropsOnlyNd4jsPerOpLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream target = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintStream filter = new QuietNd4j.Filter(target);
        filter.println("Added differentiated op matmul_2");
        filter.println("progress 1");
        filter.print(42);
        filter.println();
        filter.printf("%s %d%n", "row", 7);
        filter.println((Object) "Added differentiated op add");
        filter.println(List.of(1));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(String.join(System.lineSeparator(), "progress 1", "42", "row 7", "[1]", ""), out);
    }

    @Test
    void trainingPrintsNoPerOpLinesAndPutsStandardOutputBack() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        try {
            PhysicsData data = PhysicsData.generate(60, true, 0.01, 31);
            new HybridTrainer(new HybridOptions().withEpochs(2, 2).withHidden(List.of(4)))
                    .fit(PhysicsData.spec(List.of("x3")), data.x, data.y);
            assertSame(capture, System.out, "standard output is put back");
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains(QuietNd4j.NOISE), out);
    }
}
