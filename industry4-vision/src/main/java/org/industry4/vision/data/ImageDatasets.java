package org.industry4.vision.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Loaders for public visual-inspection data sets laid out as their authors distribute them. They
 * list files and check the layout; they read no pixels. Files are taken in file-name order, so
 * the result does not depend on the file system's listing order; hidden files (names starting with
 * a dot) are ignored.
 */
public final class ImageDatasets {

    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp");
    private static final Set<String> JPEG_EXTENSIONS = Set.of("jpg", "jpeg");
    private static final String MT_PREFIX = "MT_";
    private static final String MT_FREE = "MT_Free";
    private static final Comparator<Path> BY_NAME = Comparator.comparing(p -> p.getFileName().toString());

    private ImageDatasets() {
    }

    /**
     * One category of MVTec AD (Bergmann et al., CVPR 2019), e.g. {@code mvtec/bottle}:
     * <pre>
     * category/train/good/*.png                      training images (all good)
     * category/test/good/*.png                       good test images (label "good", no mask)
     * category/test/&lt;defect&gt;/*.png                   defective test images (label = folder name)
     * category/ground_truth/&lt;defect&gt;/&lt;stem&gt;_mask.png  the mask of test/&lt;defect&gt;/&lt;stem&gt;.png
     * </pre>
     * Images may be PNG, JPEG or BMP. Test samples come folder by folder in name order.
     *
     * @throws NoSuchFileException    if {@code categoryDir}, {@code train/good} or {@code test} is absent
     * @throws ImageDatasetException  if one of those is not a folder, a train or test folder holds no
     *                                image, {@code test} holds no folder, or a defective test image
     *                                has no mask file
     * @throws IOException            if a folder cannot be listed
     */
    public static InspectionDataset mvtec(Path categoryDir) throws IOException {
        Objects.requireNonNull(categoryDir, "categoryDir");
        requireDirectory(categoryDir, "the MVTec AD category folder is missing");
        Path trainGood = categoryDir.resolve("train").resolve(InspectionSample.GOOD);
        requireDirectory(trainGood, "the MVTec AD layout needs <category>/train/good with the training images");
        List<InspectionSample> train = new ArrayList<>();
        for (Path image : images(trainGood, IMAGE_EXTENSIONS)) {
            train.add(new InspectionSample(image, InspectionSample.GOOD, null));
        }
        Path testDir = categoryDir.resolve("test");
        requireDirectory(testDir, "the MVTec AD layout needs <category>/test with one folder per label");
        List<Path> labels = subfolders(testDir);
        if (labels.isEmpty()) {
            throw new ImageDatasetException(testDir, "no label folders (good, <defect>...) in the test folder");
        }
        Path groundTruth = categoryDir.resolve("ground_truth");
        List<InspectionSample> test = new ArrayList<>();
        for (Path folder : labels) {
            String label = folder.getFileName().toString();
            boolean good = InspectionSample.GOOD.equals(label);
            for (Path image : images(folder, IMAGE_EXTENSIONS)) {
                Path mask = null;
                if (!good) {
                    mask = groundTruth.resolve(label).resolve(stem(image) + "_mask.png");
                    if (!Files.isRegularFile(mask)) {
                        throw new ImageDatasetException(image, "defective test image has no mask, expected " + mask);
                    }
                }
                test.add(new InspectionSample(image, label, mask));
            }
        }
        return new InspectionDataset(train, test);
    }

    /**
     * The Magnetic Tile surface-defect data set (Huang et al., 2018):
     * <pre>
     * dir/MT_Free/Imgs/*.jpg       defect-free images
     * dir/MT_&lt;Defect&gt;/Imgs/*.jpg   defective images (Blowhole, Break, Crack, Fray, Uneven; any MT_* folder)
     * beside each .jpg a .png      its mask, same stem
     * </pre>
     * Images may also lie directly in {@code dir/MT_X/} without {@code Imgs}. The training set is a
     * random {@code trainShare} of the {@code MT_Free} images ({@code round(trainShare * n)}, at
     * least 1 and at most {@code n - 1}), drawn with {@code new SplittableRandom(seed)} from the file
     * names in sorted order, so the same seed gives the same split on any file system. The test set
     * is the other {@code MT_Free} images (label {@value InspectionSample#GOOD}, mask = their
     * {@code .png} or null when absent) followed by every defective image, folder by folder in name
     * order (label = the folder name without {@code MT_}, e.g. {@code "Crack"}). Both lists are in
     * file-name order.
     *
     * @param trainShare the share of defect-free images used for training, in {@code (0, 1)}
     * @throws IllegalArgumentException if {@code trainShare} is not in {@code (0, 1)}
     * @throws NoSuchFileException      if {@code dir} or {@code dir/MT_Free} is absent
     * @throws ImageDatasetException    if a folder holds no {@code .jpg}, {@code MT_Free} holds fewer
     *                                  than 2, a defective image has no {@code .png} mask, or a folder
     *                                  is named just {@code MT_}
     * @throws IOException              if a folder cannot be listed
     */
    public static InspectionDataset magneticTile(Path dir, double trainShare, long seed) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (!(trainShare > 0.0 && trainShare < 1.0)) {
            throw new IllegalArgumentException("trainShare must be in (0, 1), got " + trainShare);
        }
        requireDirectory(dir, "the Magnetic Tile folder is missing");
        Path free = dir.resolve(MT_FREE);
        requireDirectory(free, "the Magnetic Tile layout needs MT_Free with the defect-free images");

        Path freeImages = imageFolder(free);
        List<Path> good = images(freeImages, JPEG_EXTENSIONS);
        if (good.size() < 2) {
            throw new ImageDatasetException(freeImages, "needs at least 2 defect-free images to split into train"
                    + " and test, got " + good.size());
        }
        List<Path> shuffled = new ArrayList<>(good); // sorted by name: the shuffle's only input
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            Collections.swap(shuffled, i, random.nextInt(i + 1));
        }
        int n = shuffled.size();
        int trainCount = (int) Math.max(1, Math.min(n - 1, Math.round(trainShare * n)));
        List<Path> trainImages = new ArrayList<>(shuffled.subList(0, trainCount));
        List<Path> testGood = new ArrayList<>(shuffled.subList(trainCount, n));
        trainImages.sort(BY_NAME);
        testGood.sort(BY_NAME);

        List<InspectionSample> train = new ArrayList<>();
        for (Path image : trainImages) {
            train.add(new InspectionSample(image, InspectionSample.GOOD, null));
        }
        List<InspectionSample> test = new ArrayList<>();
        for (Path image : testGood) {
            Path mask = maskOf(image);
            test.add(new InspectionSample(image, InspectionSample.GOOD, Files.isRegularFile(mask) ? mask : null));
        }
        for (Path folder : subfolders(dir)) {
            String name = folder.getFileName().toString();
            if (!name.startsWith(MT_PREFIX) || name.equals(MT_FREE)) {
                continue;
            }
            String label = name.substring(MT_PREFIX.length());
            if (label.isBlank()) {
                throw new ImageDatasetException(folder, "a defect folder needs a name after MT_");
            }
            for (Path image : images(imageFolder(folder), JPEG_EXTENSIONS)) {
                Path mask = maskOf(image);
                if (!Files.isRegularFile(mask)) {
                    throw new ImageDatasetException(image, "defective image has no mask, expected " + mask);
                }
                test.add(new InspectionSample(image, label, mask));
            }
        }
        return new InspectionDataset(train, test);
    }

    /** {@code folder/Imgs} when it is a folder, else {@code folder}. */
    private static Path imageFolder(Path folder) {
        Path imgs = folder.resolve("Imgs");
        return Files.isDirectory(imgs) ? imgs : folder;
    }

    private static Path maskOf(Path image) {
        return image.resolveSibling(stem(image) + ".png");
    }

    private static void requireDirectory(Path dir, String reason) throws IOException {
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, reason);
        }
        if (!Files.isDirectory(dir)) {
            throw new ImageDatasetException(dir, "expected a folder, found a file (" + reason + ")");
        }
    }

    /** The non-hidden sub-folders of {@code dir}, by name. */
    private static List<Path> subfolders(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."))
                    .sorted(BY_NAME).toList();
        }
    }

    /** The non-hidden regular files of {@code dir} with one of {@code extensions}, by name; at least one. */
    private static List<Path> images(Path dir, Set<String> extensions) throws IOException {
        List<Path> images;
        try (Stream<Path> list = Files.list(dir)) {
            images = list.filter(p -> {
                String name = p.getFileName().toString();
                return !name.startsWith(".") && extensions.contains(extension(name)) && Files.isRegularFile(p);
            }).sorted(BY_NAME).toList();
        }
        if (images.isEmpty()) {
            throw new ImageDatasetException(dir, "no images (" + String.join(", ", extensions.stream().sorted().toList())
                    + ") in this folder");
        }
        return images;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
