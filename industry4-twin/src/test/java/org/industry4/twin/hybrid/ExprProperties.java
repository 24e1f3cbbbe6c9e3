package org.industry4.twin.hybrid;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The two evaluators of an {@link Expr} compute the same function. */
class ExprProperties {

    private static final List<String> INPUTS = List.of("u", "v", "w");
    private static final List<String> PARAMS = List.of("p", "q");

    /** A random expression of at most {@code depth} levels whose values stay finite for inputs in [-2, 2]. */
    static Expr randomExpr(SplittableRandom random, int depth) {
        if (depth == 0 || random.nextInt(4) == 0) {
            return switch (random.nextInt(3)) {
                case 0 -> Expr.input(INPUTS.get(random.nextInt(INPUTS.size())));
                case 1 -> Expr.param(PARAMS.get(random.nextInt(PARAMS.size())));
                default -> Expr.constant(random.nextDouble(-2, 2));
            };
        }
        Expr a = randomExpr(random, depth - 1);
        return switch (random.nextInt(12)) {
            case 0 -> a.plus(randomExpr(random, depth - 1));
            case 1 -> a.minus(randomExpr(random, depth - 1));
            case 2 -> a.times(randomExpr(random, depth - 1));
            // Denominators and arguments kept in safe ranges.
            case 3 -> a.div(randomExpr(random, depth - 1).square().plus(0.5));
            case 4 -> a.neg();
            case 5 -> a.tanh().exp();
            case 6 -> a.square().plus(1).log();
            case 7 -> a.tanh();
            case 8 -> a.square().plus(0.1).sqrt();
            case 9 -> a.relu();
            case 10 -> a.sigmoid();
            default -> a.tanh().square();
        };
    }

    @Property(tries = 40)
    void javaAndSameDiffAgree(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int depth) {
        SplittableRandom random = new SplittableRandom(seed);
        Expr expr = randomExpr(random, depth);
        int n = 7;
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {random.nextDouble(-2, 2), random.nextDouble(-2, 2), random.nextDouble(-2, 2)};
        }
        double[] params = {random.nextDouble(-2, 2), random.nextDouble(-2, 2)};
        Binding binding = new Binding(INPUTS, PARAMS);

        SameDiff sd = SameDiff.create();
        Map<String, SDVariable> in = new HashMap<>();
        Map<String, INDArray> feed = new HashMap<>();
        for (int j = 0; j < INPUTS.size(); j++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = rows[i][j];
            }
            in.put(INPUTS.get(j), sd.placeHolder("in" + j, DataType.DOUBLE, -1, 1));
            feed.put("in" + j, Nd4j.create(col, new long[] {n, 1}, DataType.DOUBLE));
        }
        Map<String, SDVariable> ps = new HashMap<>();
        for (int k = 0; k < PARAMS.size(); k++) {
            ps.put(PARAMS.get(k), sd.var("p" + k, Nd4j.scalar(DataType.DOUBLE, params[k])));
        }
        // Adding a zero column broadcasts expressions that read no input to one value per row.
        SDVariable out = expr.toSameDiff(sd, in::get, ps::get).add(in.get("u").mul(0.0));
        INDArray result = sd.output(feed, out.name()).get(out.name());
        for (int i = 0; i < n; i++) {
            double java = expr.evaluate(rows[i], params, binding);
            double nd4j = result.getDouble(i);
            if (Math.abs(java - nd4j) > 1e-9 * Math.max(1, Math.abs(java))) {
                throw new AssertionError(expr + " row " + i + ": java " + java + ", samediff " + nd4j);
            }
        }
        feed.values().forEach(INDArray::close);
        result.close();
    }
}
