package org.industry4.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.industry4.anomaly.iforest.IsolationForestModel;
import org.industry4.anomaly.iforest.IsolationForestOptions;
import org.industry4.anomaly.iforest.IsolationForestTrainer;
import org.industry4.anomaly.metrics.RocAuc;

/**
 * {@code iforest-odds}: ROC AUC of our Isolation Forest on every outlier data set of a folder, beside
 * the published IForest figures.
 *
 * <p>Protocol (PyOD's benchmark): per data set, {@code --splits} random 60/40 splits, stratified by
 * label (each class is shuffled and 60 % of it goes to training); the forest is trained on the 60 %
 * without labels (standard settings: {@code --trees} trees, sub-samples of 256, all features, no
 * scaling) and its scores on the 40 % give the ROC AUC, from {@link RocAuc}. The published column is
 * {@code pyod_benchmark_roc_2019.csv} (IForest, mean of 10 random 60/40 splits) where it lists the set,
 * else {@code iforest_paper_auc_2008.csv} (Liu, Ting and Zhou 2008, Table 2); either file may be absent.
 */
final class IForestOddsBenchmark implements Benchmark {

    static final String PYOD_TABLE = "pyod_benchmark_roc_2019.csv";
    static final String PAPER_TABLE = "iforest_paper_auc_2008.csv";

    @Override
    public String name() {
        return "iforest-odds";
    }

    @Override
    public String usage() {
        return "iforest-odds --data DIR [--splits 10] [--seed 1] [--trees 100] [--threads N]";
    }

    @Override
    public String description() {
        return "Isolation Forest ROC AUC on every x0..xn,label CSV of DIR (60/40 splits) vs published IForest AUCs";
    }

    /** A published AUC and the size of the set it was measured on (0 if the table does not say). */
    record Published(String source, double auc, int n, int d) {
    }

    @Override
    public Result run(Args args) throws Exception {
        if (!args.has("data")) {
            throw new IllegalArgumentException("--data DIR is required");
        }
        Path dir = Path.of(args.string("data", null));
        int splits = args.intValue("splits", 10, 1, 1000);
        long seed = args.longValue("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        int trees = args.intValue("trees", 100, 1, 100_000);
        int threads = args.intValue("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
        args.requireAllUsed();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--data " + dir + " is not a folder");
        }
        Map<String, Published> pyod = readPyod(dir.resolve(PYOD_TABLE));
        Map<String, Published> paper = readPaper(dir.resolve(PAPER_TABLE));
        List<Path> files = OddsCsv.dataFiles(dir);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("--data " + dir + " holds no *.csv or *.csv.gz with a header x0..xn,label");
        }

        System.out.printf(Locale.ROOT, "Isolation Forest on %s: %d splits 60/40 (stratified), %d trees, "
                + "sub-sample 256, seed %d, %d threads%n", dir, splits, trees, seed, threads);
        System.out.printf(Locale.ROOT, "%-14s %8s %4s %6s  %-15s %9s %10s %7s  %s%n",
                "dataset", "n", "d", "outl%", "our AUC +- std", "PyOD2019", "paper2008", "diff", "note");
        long start = System.nanoTime();
        double sumDiff = 0;
        double worstDiff = Double.POSITIVE_INFINITY;
        String worstSet = "-";
        int compared = 0;
        double sumAuc = 0;
        List<String> skipped = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Path file : files) {
                OddsCsv data = OddsCsv.read(file);
                double[] aucs = evaluate(data, splits, seed, trees, pool);
                double mean = mean(aucs);
                double std = std(aucs, mean);
                sumAuc += mean;
                String key = OddsCsv.key(data.name());
                Published p = pyod.get(key);
                Published q = paper.get(key);
                Published reference = p != null ? p : q;
                String diff = "-";
                List<String> notes = new ArrayList<>();
                if (reference == null) {
                    notes.add("no published figure");
                } else if (reference.n() > 0 && reference.n() != data.rows().length) {
                    // Another version of the set (e.g. ODDS wbc 378 x 30 vs ADBench WBC 223 x 9): shown, not counted.
                    diff = String.format(Locale.ROOT, "(%+.3f)", mean - reference.auc());
                    notes.add("not compared: " + reference.source() + " measured a " + reference.n() + " x "
                            + reference.d() + " version");
                    skipped.add(data.name());
                } else {
                    double dd = mean - reference.auc();
                    diff = String.format(Locale.ROOT, "%+.3f", dd);
                    sumDiff += dd;
                    compared++;
                    if (dd < worstDiff) {
                        worstDiff = dd;
                        worstSet = data.name();
                    }
                    notes.add("vs " + reference.source());
                    if (reference.d() > 0 && reference.d() != data.schema().size()) {
                        notes.add("published d " + reference.d());
                    }
                }
                System.out.printf(Locale.ROOT, "%-14s %8d %4d %6.2f  %.3f +- %.3f   %9s %10s %7s  %s%n",
                        data.name(), data.rows().length, data.schema().size(),
                        100.0 * data.outliers() / data.rows().length, mean, std,
                        p == null ? "-" : String.format(Locale.ROOT, "%.3f", p.auc()),
                        q == null ? "-" : String.format(Locale.ROOT, "%.2f", q.auc()), diff, String.join("; ", notes));
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double meanDiff = compared == 0 ? Double.NaN : sumDiff / compared;
        System.out.printf(Locale.ROOT, "diff = our mean AUC - published (PyOD 2019 where listed, else the 2008 paper); "
                + "%d of %d sets compared%s; %.1f s%n", compared, files.size(),
                skipped.isEmpty() ? "" : " (published figure of another version: " + String.join(", ", skipped) + ")",
                seconds);
        Result result = new Result().put("sets", files.size()).put("compared", compared)
                .put("mean_auc", sumAuc / files.size());
        if (compared > 0) {
            result.put("mean_diff", meanDiff).put("worst_diff", worstDiff).put("worst_set", worstSet)
                    .put("target_met", Math.abs(meanDiff) <= 0.01 && worstDiff >= -0.03);
        }
        return result.put("splits", splits).put("trees", trees).put("seconds", seconds);
    }

    /** The test-split ROC AUC of each of {@code splits} stratified 60/40 splits. */
    static double[] evaluate(OddsCsv data, int splits, long seed, int trees, ExecutorService pool) {
        SplittableRandom master = new SplittableRandom(seed);
        double[] aucs = new double[splits];
        int n = data.rows().length;
        for (int s = 0; s < splits; s++) {
            SplittableRandom random = master.split();
            boolean[] train = stratifiedTrainMask(data.outlier(), 0.6, random);
            int nTrain = 0;
            for (boolean t : train) {
                nTrain += t ? 1 : 0;
            }
            double[][] trainRows = new double[nTrain][];
            double[][] testRows = new double[n - nTrain][];
            boolean[] testLabels = new boolean[n - nTrain];
            int a = 0;
            int b = 0;
            for (int i = 0; i < n; i++) {
                if (train[i]) {
                    trainRows[a++] = data.rows()[i];
                } else {
                    testLabels[b] = data.outlier()[i];
                    testRows[b++] = data.rows()[i];
                }
            }
            IsolationForestOptions options = new IsolationForestOptions().withTrees(trees).withSeed(random.nextLong());
            IsolationForestModel model = new IsolationForestTrainer(options).fit(trainRows, data.schema(), pool);
            aucs[s] = RocAuc.of(model.scoreAll(testRows, pool), testLabels);
        }
        return aucs;
    }

    /** Marks round(fraction x count) rows of each class, chosen uniformly, as training rows. */
    static boolean[] stratifiedTrainMask(boolean[] labels, double fraction, SplittableRandom random) {
        boolean[] train = new boolean[labels.length];
        for (boolean cls : new boolean[] {false, true}) {
            int count = 0;
            for (boolean l : labels) {
                count += l == cls ? 1 : 0;
            }
            int[] idx = new int[count];
            int k = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == cls) {
                    idx[k++] = i;
                }
            }
            int take = (int) Math.round(fraction * count);
            for (int i = 0; i < take; i++) {
                int j = i + random.nextInt(count - i);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
                train[idx[i]] = true;
            }
        }
        return train;
    }

    /** PyOD's table: {@code Data,#Samples,# Dimensions,...,IForest,...}; empty if the file is absent. */
    static Map<String, Published> readPyod(Path file) throws IOException {
        Map<String, Published> out = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (BufferedReader in = Files.newBufferedReader(file)) {
            List<String> header = List.of(in.readLine().split(",", -1));
            int auc = header.indexOf("IForest");
            int samples = header.indexOf("#Samples");
            int dims = header.indexOf("# Dimensions");
            if (auc < 0) {
                throw new IllegalArgumentException(file + " has no IForest column");
            }
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] c = line.split(",", -1);
                out.put(OddsCsv.key(c[0]), new Published("PyOD 2019", Double.parseDouble(c[auc]),
                        samples < 0 ? 0 : (int) Double.parseDouble(c[samples]),
                        dims < 0 ? 0 : (int) Double.parseDouble(c[dims])));
            }
        }
        return out;
    }

    /** The 2008 paper's table: {@code dataset,iforest_auc,note}; a note "ADBench name: X" adds X as an alias. */
    static Map<String, Published> readPaper(Path file) throws IOException {
        Map<String, Published> out = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (BufferedReader in = Files.newBufferedReader(file)) {
            List<String> header = List.of(in.readLine().split(",", -1));
            int name = header.indexOf("dataset");
            int auc = header.indexOf("iforest_auc");
            int note = header.indexOf("note");
            if (name < 0 || auc < 0) {
                throw new IllegalArgumentException(file + " needs columns dataset and iforest_auc");
            }
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] c = line.split(",", -1);
                Published p = new Published("paper 2008", Double.parseDouble(c[auc]), 0, 0);
                out.put(OddsCsv.key(c[name]), p);
                if (note >= 0 && note < c.length && c[note].startsWith("ADBench name:")) {
                    out.put(OddsCsv.key(c[note].substring("ADBench name:".length()).trim()), p);
                }
            }
        }
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double std(double[] v, double mean) {
        if (v.length < 2) {
            return 0;
        }
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
