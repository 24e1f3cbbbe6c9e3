package org.industry4.benchmarks;

/** One named benchmark of the jar. */
interface Benchmark {

    /** The name given as the jar's first argument. */
    String name();

    /** One line: the name and its options. */
    String usage();

    /** One line: what it measures. */
    String description();

    /**
     * Runs the benchmark, printing its table to standard output.
     *
     * @throws IllegalArgumentException for a bad option, naming it and its value
     */
    Result run(Args args) throws Exception;
}
