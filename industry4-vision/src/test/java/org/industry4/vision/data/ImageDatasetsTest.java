package org.industry4.vision.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loaders on small fake folder trees (empty files: the loaders read no pixels). */
class ImageDatasetsTest {

    @TempDir
    Path root;

    private static Path touch(Path dir, String... names) throws IOException {
        Files.createDirectories(dir);
        for (String name : names) {
            Files.write(dir.resolve(name), new byte[0]);
        }
        return dir;
    }

    private static List<String> names(List<InspectionSample> samples) {
        return samples.stream().map(s -> s.image().getFileName().toString()).toList();
    }

    // ---- MVTec AD ----

    private Path mvtecTree() throws IOException {
        Path bottle = root.resolve("bottle");
        touch(bottle.resolve("train/good"), "001.png", "000.png", ".DS_Store", "readme.txt");
        touch(bottle.resolve("test/good"), "000.png");
        touch(bottle.resolve("test/crack"), "001.png", "000.png");
        touch(bottle.resolve("test/broken_large"), "000.png");
        touch(bottle.resolve("ground_truth/crack"), "000_mask.png", "001_mask.png");
        touch(bottle.resolve("ground_truth/broken_large"), "000_mask.png");
        return bottle;
    }

    @Test
    void mvtecReadsTrainGoodTestFoldersAndMasks() throws IOException {
        Path bottle = mvtecTree();
        InspectionDataset data = ImageDatasets.mvtec(bottle);
        assertEquals(List.of("000.png", "001.png"), names(data.train()), "sorted, other files ignored");
        assertTrue(data.train().stream().allMatch(s -> s.label().equals("good") && s.mask() == null));
        assertEquals(Map.of("good", 1, "crack", 2, "broken_large", 1), data.labelCounts());
        List<String> labels = data.test().stream().map(InspectionSample::label).toList();
        assertEquals(List.of("broken_large", "crack", "crack", "good"), labels, "folders in name order");
        InspectionSample crack1 = data.test().get(2);
        assertEquals(bottle.resolve("test/crack/001.png"), crack1.image());
        assertEquals(bottle.resolve("ground_truth/crack/001_mask.png"), crack1.mask());
        assertNull(data.testGood().get(0).mask());
    }

    @Test
    void mvtecNamesTheMissingFolder() throws IOException {
        Path absent = root.resolve("absent");
        NoSuchFileException none = assertThrows(NoSuchFileException.class, () -> ImageDatasets.mvtec(absent));
        assertTrue(none.getMessage().contains(absent.toString()), none.getMessage());

        Path noTrain = touch(root.resolve("noTrain/test/good"), "000.png").getParent().getParent();
        NoSuchFileException train = assertThrows(NoSuchFileException.class, () -> ImageDatasets.mvtec(noTrain));
        assertTrue(train.getMessage().contains(noTrain.resolve("train").resolve("good").toString()), train.getMessage());

        Path noTest = touch(root.resolve("noTest/train/good"), "000.png").getParent().getParent();
        NoSuchFileException test = assertThrows(NoSuchFileException.class, () -> ImageDatasets.mvtec(noTest));
        assertTrue(test.getMessage().contains(noTest.resolve("test").toString()), test.getMessage());

        Path file = Files.write(root.resolve("file"), new byte[0]);
        ImageDatasetException notFolder = assertThrows(ImageDatasetException.class, () -> ImageDatasets.mvtec(file));
        assertEquals(file, notFolder.path());
    }

    @Test
    void mvtecRejectsFoldersWithoutImages() throws IOException {
        Path bottle = mvtecTree();
        Path train = bottle.resolve("train/good");
        for (String name : List.of("000.png", "001.png")) {
            Files.delete(train.resolve(name));
        }
        ImageDatasetException e = assertThrows(ImageDatasetException.class, () -> ImageDatasets.mvtec(bottle));
        assertEquals(train, e.path());
        assertTrue(e.getMessage().contains("no images"), e.getMessage());

        touch(train, "000.png");
        Files.createDirectories(bottle.resolve("test/scratch"));
        ImageDatasetException empty = assertThrows(ImageDatasetException.class, () -> ImageDatasets.mvtec(bottle));
        assertEquals(bottle.resolve("test/scratch"), empty.path());
    }

    @Test
    void mvtecRejectsATestFolderWithoutLabels() throws IOException {
        Path cat = root.resolve("cat");
        touch(cat.resolve("train/good"), "000.png");
        Files.createDirectories(cat.resolve("test"));
        ImageDatasetException e = assertThrows(ImageDatasetException.class, () -> ImageDatasets.mvtec(cat));
        assertEquals(cat.resolve("test"), e.path());
    }

    @Test
    void mvtecNamesADefectiveImageWithoutMaskAndTheExpectedMask() throws IOException {
        Path bottle = mvtecTree();
        Files.delete(bottle.resolve("ground_truth/crack/001_mask.png"));
        ImageDatasetException e = assertThrows(ImageDatasetException.class, () -> ImageDatasets.mvtec(bottle));
        assertEquals(bottle.resolve("test/crack/001.png"), e.path());
        assertTrue(e.getMessage().contains(bottle.resolve("ground_truth/crack/001_mask.png").toString()), e.getMessage());
    }

    // ---- Magnetic Tile ----

    /** MT_Free with {@code good} images, MT_Crack 3, MT_Blowhole 2, each .jpg with its .png. */
    private Path tileTree(String name, boolean imgs, int good, boolean reverse) throws IOException {
        Path dir = root.resolve(name);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < good; i++) {
            order.add("exp0_num_" + i);
        }
        if (reverse) {
            java.util.Collections.reverse(order); // a different creation (and often listing) order
        }
        for (String stem : order) {
            touch(folder(dir, "MT_Free", imgs), stem + ".jpg", stem + ".png");
        }
        for (int i = 0; i < 3; i++) {
            touch(folder(dir, "MT_Crack", imgs), "c" + i + ".jpg", "c" + i + ".png");
        }
        for (int i = 0; i < 2; i++) {
            touch(folder(dir, "MT_Blowhole", imgs), "b" + i + ".jpg", "b" + i + ".png");
        }
        touch(dir, "README.md");
        return dir;
    }

    private static Path folder(Path dir, String name, boolean imgs) {
        return imgs ? dir.resolve(name).resolve("Imgs") : dir.resolve(name);
    }

    @Test
    void magneticTileSplitsTheDefectFreeImagesAndTestsEveryDefect() throws IOException {
        Path dir = tileTree("tile", true, 10, false);
        InspectionDataset data = ImageDatasets.magneticTile(dir, 0.5, 42);
        assertEquals(5, data.trainCount());
        assertEquals(Map.of("good", 5, "Blowhole", 2, "Crack", 3), data.labelCounts());
        Set<String> good = new HashSet<>(names(data.train()));
        good.addAll(names(data.testGood()));
        assertEquals(10, good.size(), "train and test good are disjoint and cover MT_Free");
        for (InspectionSample s : data.testGood()) {
            assertEquals(s.image().resolveSibling(s.image().getFileName().toString().replace(".jpg", ".png")), s.mask());
        }
        InspectionSample crack = data.testDefective().get(2);
        assertEquals(dir.resolve("MT_Crack/Imgs/c0.jpg"), crack.image());
        assertEquals("Crack", crack.label());
        assertEquals(dir.resolve("MT_Crack/Imgs/c0.png"), crack.mask());
        assertEquals(List.of("b0.jpg", "b1.jpg", "c0.jpg", "c1.jpg", "c2.jpg"), names(data.testDefective()));
        assertEquals(names(data.train()).stream().sorted().toList(), names(data.train()), "file-name order");
    }

    @Test
    void magneticTileAcceptsImagesWithoutImgsFolderAndGoodImagesWithoutMasks() throws IOException {
        Path dir = tileTree("flat", false, 4, false);
        for (int i = 0; i < 4; i++) {
            Files.delete(dir.resolve("MT_Free/exp0_num_" + i + ".png"));
        }
        InspectionDataset data = ImageDatasets.magneticTile(dir, 0.25, 1);
        assertEquals(1, data.trainCount());
        assertEquals(3, data.testGood().size());
        assertTrue(data.testGood().stream().allMatch(s -> s.mask() == null));
        assertEquals(dir.resolve("MT_Blowhole/b0.jpg"), data.testDefective().get(0).image());
    }

    @Test
    void theSameSeedGivesTheSameSplitWhateverTheFileOrder() throws IOException {
        InspectionDataset a = ImageDatasets.magneticTile(tileTree("a", true, 20, false), 0.5, 7);
        InspectionDataset b = ImageDatasets.magneticTile(tileTree("b", true, 20, true), 0.5, 7);
        assertEquals(names(a.train()), names(b.train()));
        assertEquals(names(a.test()), names(b.test()));
        InspectionDataset other = ImageDatasets.magneticTile(tileTree("a", true, 20, false), 0.5, 8);
        assertNotEquals(names(a.train()), names(other.train()), "another seed, another split");
    }

    @Test
    void theTrainShareRoundsAndLeavesAtLeastOneOnEachSide() throws IOException {
        Path dir = tileTree("share", true, 7, false);
        assertEquals(4, ImageDatasets.magneticTile(dir, 0.5, 0).trainCount()); // round(3.5)
        assertEquals(1, ImageDatasets.magneticTile(dir, 0.01, 0).trainCount());
        assertEquals(6, ImageDatasets.magneticTile(dir, 0.99, 0).trainCount());
        for (double bad : new double[] {0.0, 1.0, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ImageDatasets.magneticTile(dir, bad, 0));
            assertTrue(e.getMessage().contains("trainShare") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
    }

    @Test
    void magneticTileErrorsNameThePath() throws IOException {
        Path absent = root.resolve("absent");
        NoSuchFileException none = assertThrows(NoSuchFileException.class,
                () -> ImageDatasets.magneticTile(absent, 0.5, 0));
        assertTrue(none.getMessage().contains(absent.toString()), none.getMessage());

        Path noFree = touch(root.resolve("noFree/MT_Crack"), "c.jpg", "c.png").getParent();
        NoSuchFileException free = assertThrows(NoSuchFileException.class,
                () -> ImageDatasets.magneticTile(noFree, 0.5, 0));
        assertTrue(free.getMessage().contains(noFree.resolve("MT_Free").toString()), free.getMessage());

        Path dir = tileTree("errors", true, 4, false);
        Files.delete(dir.resolve("MT_Crack/Imgs/c1.png"));
        ImageDatasetException mask = assertThrows(ImageDatasetException.class,
                () -> ImageDatasets.magneticTile(dir, 0.5, 0));
        assertEquals(dir.resolve("MT_Crack/Imgs/c1.jpg"), mask.path());
        assertTrue(mask.getMessage().contains("c1.png"), mask.getMessage());

        touch(dir.resolve("MT_Crack/Imgs"), "c1.png");
        Files.createDirectories(dir.resolve("MT_Fray/Imgs"));
        touch(dir.resolve("MT_Fray/Imgs"), "only-a-mask.png");
        ImageDatasetException empty = assertThrows(ImageDatasetException.class,
                () -> ImageDatasets.magneticTile(dir, 0.5, 0));
        assertEquals(dir.resolve("MT_Fray/Imgs"), empty.path());

        Path single = tileTree("single", true, 1, false);
        ImageDatasetException one = assertThrows(ImageDatasetException.class,
                () -> ImageDatasets.magneticTile(single, 0.5, 0));
        assertTrue(one.getMessage().contains("at least 2") && one.getMessage().contains("got 1"), one.getMessage());
    }
}
