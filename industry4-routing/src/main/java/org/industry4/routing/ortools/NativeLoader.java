package org.industry4.routing.ortools;

import com.google.ortools.Loader;

/** Loads OR-Tools' native libraries once; a failure is cached and reported with its reason. */
final class NativeLoader {

    private static boolean loaded;
    private static String failure;

    private NativeLoader() {
    }

    /** Loads the libraries on first use; throws {@link IllegalStateException} naming the cause when they can't load. */
    static synchronized void ensureLoaded() {
        if (loaded) {
            return;
        }
        if (failure == null) {
            try {
                Loader.loadNativeLibraries();
                loaded = true;
                return;
            } catch (Throwable t) {
                failure = t.getClass().getName() + ": " + t.getMessage();
            }
        }
        throw new IllegalStateException("OR-Tools native libraries could not be loaded (needs"
                + " com.google.ortools:ortools-linux-x86-64 on Linux x86-64): " + failure);
    }
}
