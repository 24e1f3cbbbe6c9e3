package org.industry4.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.industry4.rul.RulEstimate;
import org.industry4.rul.RulModel;
import org.industry4.rul.RulOptions;
import org.industry4.rul.RulTrainer;
import org.industry4.rul.data.CmapssReader;
import org.industry4.rul.data.EngineFolds;
import org.industry4.rul.data.PreprocessOptions;
import org.industry4.rul.data.Trajectory;
import org.industry4.rul.metrics.RulMetrics;

/**
 * {@code rul-cmapss}: remaining useful life on NASA C-MAPSS. With only {@code --train}, engine-level
 * k-fold cross-validation: each fold's held-out engines are cut at a uniformly random cycle (at
 * least the window length), as NASA built its test sets, and scored at the cut against the RUL
 * capped at the model's cap; the model of each fold trains on the other engines only. With
 * {@code --test} and {@code --rul}, the official protocol: train on every training engine, score the
 * last window of each test engine. Prints RMSE, PHM08 score, MAE, interval coverage, training time
 * and inference time per engine.
 */
final class RulCmapssBenchmark implements Benchmark {

    @Override
    public String name() {
        return "rul-cmapss";
    }

    @Override
    public String usage() {
        return "rul-cmapss --train FILE [--test FILE --rul FILE] [--model lstm|cnn] [--epochs 60] [--minutes 10]"
                + " [--folds 5] [--max-folds K] [--conditions 1] [--seed 1]";
    }

    @Override
    public String description() {
        return "C-MAPSS RUL: k-fold CV with NASA-style random cuts, or the official test split; RMSE, PHM08, coverage";
    }

    @Override
    public Result run(Args args) throws Exception {
        Path train = Path.of(args.string("train", "../shared/data/cmapss/train_FD001.txt"));
        String testFile = args.has("test") ? args.string("test", "") : null;
        String rulFile = args.has("rul") ? args.string("rul", "") : null;
        if ((testFile == null) != (rulFile == null)) {
            throw new IllegalArgumentException("--test and --rul go together, got "
                    + (testFile == null ? "--rul only" : "--test only"));
        }
        String model = args.string("model", "lstm");
        int epochs = args.intValue("epochs", 60, 1, 10_000);
        double minutes = args.doubleValue("minutes", 10, 0.01, 10_000);
        int folds = args.intValue("folds", 5, 2, 100);
        int maxFolds = args.intValue("max-folds", folds, 1, folds);
        int conditions = args.intValue("conditions", 1, 1, 100);
        long seed = args.longValue("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        args.requireAllUsed();

        RulOptions options = switch (model) {
            case "lstm" -> new RulOptions();
            case "cnn" -> RulOptions.cnn();
            default -> throw new IllegalArgumentException("--model must be lstm or cnn, got " + model);
        };
        RulOptions base = options;
        options = options.withTraining(base.learningRate(), base.batchSize(), epochs, base.patience(),
                        Duration.ofMillis(Math.round(minutes * 60_000)))
                .withPreprocess(new PreprocessOptions().withConditions(conditions)).withSeed(seed);

        List<Trajectory> engines = CmapssReader.readTrain(train);
        System.out.printf(Locale.ROOT, "%s: %d engines; model %s %s window %d cap %.0f, at most %d epochs / %.1f min, "
                        + "seed %d, %d cores, OMP_NUM_THREADS=%s%n%n", train.getFileName(), engines.size(),
                options.architecture(), options.layers(), options.window(), options.cap(), epochs, minutes, seed,
                Runtime.getRuntime().availableProcessors(), System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        System.out.printf(Locale.ROOT, "%-8s %7s %7s %8s %7s %9s %7s %9s %9s %8s%n", "split", "engines", "RMSE",
                "PHM08", "MAE", "coverage", "+-", "epochs", "train s", "ms/eng");

        List<double[]> pooled = new ArrayList<>(); // truth, estimate, lower, upper
        double trainSeconds = 0;
        double inferMs = 0;
        int inferCount = 0;
        if (testFile != null) {
            List<Trajectory> test = CmapssReader.readTest(Path.of(testFile), Path.of(rulFile));
            Fold f = fold("official", engines, test, options);
            pooled.addAll(f.rows);
            trainSeconds += f.trainSeconds;
            inferMs += f.inferMs * f.rows.size();
            inferCount += f.rows.size();
        } else {
            List<int[]> parts = EngineFolds.kFold(engines.size(), folds, seed);
            for (int k = 0; k < maxFolds; k++) {
                int[] held = parts.get(k);
                List<Trajectory> heldOut = pick(engines, held);
                List<Trajectory> rest = pick(engines, EngineFolds.complement(engines.size(), held));
                List<Trajectory> cut = EngineFolds.cutAtRandom(heldOut, options.window(), seed * 31 + k);
                Fold f = fold("fold " + (k + 1), rest, cut, options.withSeed(seed * 1_000 + k));
                pooled.addAll(f.rows);
                trainSeconds += f.trainSeconds;
                inferMs += f.inferMs * f.rows.size();
                inferCount += f.rows.size();
            }
        }
        Summary all = summary(pooled);
        System.out.printf(Locale.ROOT, "%-8s %7d %7.2f %8.1f %7.2f %8.1f%% %7s %9s %9.1f %8.3f%n", "all",
                pooled.size(), all.metrics.rmse(), all.metrics.phm08(), all.metrics.mae(), 100 * all.coverage, "",
                "", trainSeconds, inferMs / inferCount);
        System.out.println();
        System.out.println("RMSE, MAE and PHM08 against the RUL at the cut capped at " + (int) options.cap()
                + "; PHM08 summed over the engines; coverage of the " + (int) Math.round(100 * options.coverage())
                + " % split-conformal intervals; ms/eng = one prediction (preprocess + window + network) per engine.");
        return new Result().put("engines", pooled.size()).put("rmse", all.metrics.rmse())
                .put("phm08", all.metrics.phm08()).put("mae", all.metrics.mae()).put("coverage", all.coverage)
                .put("train_seconds", trainSeconds).put("infer_ms_per_engine", inferMs / inferCount);
    }

    private record Fold(List<double[]> rows, double trainSeconds, double inferMs) {
    }

    private record Summary(RulMetrics metrics, double coverage) {
    }

    private static Fold fold(String name, List<Trajectory> train, List<Trajectory> test, RulOptions options) {
        RulModel model = new RulTrainer(options).fit(train);
        RulEstimate[] estimates = new RulEstimate[test.size()];
        for (int i = 0; i < test.size(); i++) {
            estimates[i] = model.predict(test.get(i));
        }
        // Inference time: the plain-Java forward pass warmed up (JIT) on 2,000 predictions, then
        // the mean of 2,000 more, cycling over the test engines.
        int rounds = (2_000 + test.size() - 1) / test.size();
        for (int r = 0; r < rounds; r++) {
            for (Trajectory t : test) {
                model.predict(t);
            }
        }
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (Trajectory t : test) {
                model.predict(t);
            }
        }
        double inferMs = (System.nanoTime() - start) / 1e6 / ((double) rounds * test.size());
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            double truth = Math.min(options.cap(), test.get(i).rulAtEnd());
            rows.add(new double[] {truth, estimates[i].rul(), estimates[i].lower(), estimates[i].upper()});
        }
        Summary s = summary(rows);
        System.out.printf(Locale.ROOT, "%-8s %7d %7.2f %8.1f %7.2f %8.1f%% %7.1f %4d of %-3d %9.1f %8.3f%n", name,
                rows.size(), s.metrics.rmse(), s.metrics.phm08(), s.metrics.mae(), 100 * s.coverage, model.halfWidth(),
                model.history().bestEpoch(), model.history().epochs().size(), model.history().seconds(), inferMs);
        return new Fold(rows, model.history().seconds(), inferMs);
    }

    private static List<Trajectory> pick(List<Trajectory> all, int[] indices) {
        List<Trajectory> picked = new ArrayList<>(indices.length);
        for (int i : indices) {
            picked.add(all.get(i));
        }
        return picked;
    }

    private static Summary summary(List<double[]> rows) {
        double[] truth = rows.stream().mapToDouble(r -> r[0]).toArray();
        double[] estimate = rows.stream().mapToDouble(r -> r[1]).toArray();
        double[] lower = rows.stream().mapToDouble(r -> r[2]).toArray();
        double[] upper = rows.stream().mapToDouble(r -> r[3]).toArray();
        return new Summary(RulMetrics.of(truth, estimate), RulMetrics.coverage(truth, lower, upper));
    }
}
