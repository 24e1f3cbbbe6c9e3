package org.industry4.twin.hybrid;

import java.util.List;

/** A small hybrid model trained once per test JVM (a few seconds) and shared by model tests. */
final class SharedModel {

    static final PhysicsData DATA = PhysicsData.generate(400, true, 0.01, 21);
    static final HybridModel MODEL = new HybridTrainer(new HybridOptions().withEpochs(30, 10).withHidden(List.of(8, 8)))
            .fit(PhysicsData.spec(List.of("x2", "x3")), DATA.x, DATA.y);

    private SharedModel() {
    }
}
