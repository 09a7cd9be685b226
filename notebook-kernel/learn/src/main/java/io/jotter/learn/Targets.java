package io.jotter.learn;

/** Checks labels against the loss and the model's output before TensorFlow sees them, so a mistake is named in the student's terms. */
final class Targets {
    private Targets() {
    }

    /** The targets in the shape the loss takes; throws naming the loss, the last layer and the shapes when they do not fit. */
    static Samples check(Loss loss, long[] outputShape, Layer last, Samples y) {
        String lastLayer = last == null ? "the model's input" : "the last layer, " + last.describe() + ",";
        long[] yShape = y.sampleShape();
        if (loss.sparse()) {
            if (yShape.length > 1 || (yShape.length == 1 && yShape[0] != 1)) {
                throw new IllegalArgumentException(loss + " takes one class number per sample (an int[]), but y's samples have shape "
                        + Shapes.format(yShape) + "; for one-hot rows use categorical_crossentropy");
            }
            if (outputShape.length != 1 || outputShape[0] < 2) {
                throw new IllegalArgumentException(loss + " needs one output per class, but " + lastLayer + " gives "
                        + Shapes.format(outputShape) + "; end the model with new Dense(classes, \"softmax\")");
            }
            long classes = outputShape[0];
            for (int i = 0; i < y.count(); i++) {
                float label = y.value(i, 0);
                if (label != Math.rint(label) || label < 0 || label >= classes) {
                    throw new IllegalArgumentException("y[" + i + "] is " + label + ", but " + lastLayer + " has " + classes
                            + " outputs, for the classes 0 to " + (classes - 1));
                }
            }
            return y.reshaped(new long[0]);
        }
        Samples shaped = yShape.length == 0 ? y.reshaped(new long[] {1}) : y;
        long[] shape = shaped.sampleShape();
        if (!java.util.Arrays.equals(shape, outputShape)) {
            String hint = loss == Loss.CATEGORICAL_CROSSENTROPY && yShape.length == 0
                    ? "; for class numbers use sparse_categorical_crossentropy" : "";
            throw new IllegalArgumentException(loss + " compares y with the model's output, but y's samples have shape "
                    + Shapes.format(yShape) + " and " + lastLayer + " gives " + Shapes.format(outputShape) + hint);
        }
        if (loss == Loss.BINARY_CROSSENTROPY || loss == Loss.CATEGORICAL_CROSSENTROPY) {
            int size = shaped.sampleSize();
            for (int i = 0; i < shaped.count(); i++) {
                for (int j = 0; j < size; j++) {
                    float v = shaped.value(i, j);
                    if (!(v >= 0 && v <= 1)) {
                        throw new IllegalArgumentException(loss + " takes labels between 0 and 1, but y[" + i + "] has " + v);
                    }
                }
            }
        }
        return shaped;
    }
}
