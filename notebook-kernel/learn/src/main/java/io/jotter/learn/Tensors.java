package io.jotter.learn;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.BytePointer;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TFE_Context;
import org.tensorflow.internal.c_api.TFE_ContextOptions;
import org.tensorflow.internal.c_api.TFE_TensorHandle;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.global.tensorflow;
import org.tensorflow.op.Ops;

/**
 * Where TensorFlow computes, for a cell: the devices it sees ({@code Tensors.devices()}), the device an eager
 * value was computed on ({@code Tensors.deviceOf(x)}), and ops pinned to one device
 * ({@code Tensors.on("/GPU:0", tf)}). Names are TensorFlow's short ones: {@code CPU:0}, {@code GPU:0}.
 */
public final class Tensors {
    private static final Pattern DEVICE = Pattern.compile("(?i)^/?(?:device:)?(CPU|GPU):(\\d+)$");
    private static final Pattern LONG_NAME = Pattern.compile("device:([A-Z_]+:\\d+)$");
    private static volatile List<Device> devices;

    private Tensors() {
    }

    /**
     * One device TensorFlow can place operations on.
     *
     * @param name the short name, {@code CPU:0} or {@code GPU:0}
     * @param type {@code CPU} or {@code GPU}
     * @param memoryBytes the memory TensorFlow may use on it (a GPU's, less what the driver keeps); 0 when unknown
     * @param fullName TensorFlow's full name, {@code /job:localhost/replica:0/task:0/device:GPU:0}
     */
    public record Device(String name, String type, long memoryBytes, String fullName) {
        @Override
        public String toString() {
            return memoryBytes > 0 && "GPU".equals(type)
                    ? name + " (" + String.format(Locale.ROOT, "%.1f", memoryBytes / (double) (1L << 30)) + " GiB)"
                    : name;
        }
    }

    /** The devices this kernel's TensorFlow sees, CPU first; listed once (they do not change while it runs). */
    public static List<Device> devices() {
        List<Device> known = devices;
        if (known == null) {
            synchronized (Tensors.class) {
                if (devices == null) {
                    devices = listDevices();
                }
                known = devices;
            }
        }
        return known;
    }

    /** Whether TensorFlow sees a GPU here. */
    public static boolean hasGpu() {
        return devices().stream().anyMatch(device -> "GPU".equals(device.type()));
    }

    private static List<Device> listDevices() {
        TensorFlow.version();
        try (TF_Status status = TF_Status.newStatus()) {
            TFE_ContextOptions options = tensorflow.TFE_NewContextOptions();
            TFE_Context context = tensorflow.TFE_NewContext(options, status);
            tensorflow.TFE_DeleteContextOptions(options);
            check(status, "TensorFlow could not start");
            try {
                TF_DeviceList list = tensorflow.TFE_ContextListDevices(context, status);
                check(status, "TensorFlow could not list its devices");
                try {
                    List<Device> found = new ArrayList<>();
                    for (int i = 0; i < tensorflow.TF_DeviceListCount(list); i++) {
                        String fullName = tensorflow.TF_DeviceListName(list, i, status).getString();
                        String type = tensorflow.TF_DeviceListType(list, i, status).getString();
                        long memory = tensorflow.TF_DeviceListMemoryBytes(list, i, status);
                        check(status, "TensorFlow could not describe its devices");
                        found.add(new Device(shortName(fullName), type, memory, fullName));
                    }
                    return List.copyOf(found);
                } finally {
                    tensorflow.TF_DeleteDeviceList(list);
                }
            } finally {
                tensorflow.TFE_DeleteContext(context);
            }
        }
    }

    /**
     * The device an eager value was computed on, for example {@code GPU:0}; empty for a graph operand (placed only
     * when a session runs it).
     */
    public static String deviceOf(Operand<?> value) {
        Object handle = nativeHandle(value);
        if (!(handle instanceof TFE_TensorHandle eager) || eager.isNull()) {
            return "";
        }
        try (TF_Status status = TF_Status.newStatus()) {
            BytePointer name = tensorflow.TFE_TensorHandleDeviceName(eager, status);
            return tensorflow.TF_GetCode(status) == tensorflow.TF_OK && name != null ? shortName(name.getString()) : "";
        }
    }

    /** TensorFlow keeps an output's handle package-private; the display reads it without widening the API. */
    private static Object nativeHandle(Operand<?> value) {
        try {
            Object output = value.asOutput();
            Method method = output.getClass().getDeclaredMethod("getUnsafeNativeHandle");
            method.setAccessible(true);
            return method.invoke(output);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * {@code tf} with every op it makes pinned to {@code device} ({@code /GPU:0}, {@code GPU:0}, {@code /CPU:0}).
     *
     * @throws IllegalArgumentException when the name is not a device, or this kernel has no such device
     */
    public static Ops on(String device, Ops tf) {
        Matcher matcher = DEVICE.matcher(device == null ? "" : device.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + device + "' is not a device name: write /GPU:0 or /CPU:0");
        }
        String wanted = matcher.group(1).toUpperCase(Locale.ROOT) + ":" + matcher.group(2);
        List<Device> here = devices();
        if (here.stream().noneMatch(d -> d.name().equals(wanted))) {
            throw new IllegalArgumentException("this kernel has no device " + wanted + "; TensorFlow sees "
                    + here.stream().map(Device::name).toList()
                    + (wanted.startsWith("GPU") ? " (a GPU needs a GPU runtime: Runtime → Change runtime type)" : ""));
        }
        return tf.withDevice(DeviceSpec.newBuilder()
                .deviceType(wanted.startsWith("GPU") ? DeviceSpec.DeviceType.GPU : DeviceSpec.DeviceType.CPU)
                .deviceIndex(Integer.parseInt(matcher.group(2))).build());
    }

    /** {@code /job:localhost/replica:0/task:0/device:GPU:0} → {@code GPU:0}. */
    static String shortName(String fullName) {
        Matcher matcher = LONG_NAME.matcher(fullName);
        return matcher.find() ? matcher.group(1) : fullName;
    }

    private static void check(TF_Status status, String what) {
        if (tensorflow.TF_GetCode(status) != tensorflow.TF_OK) {
            throw new IllegalStateException(what + ": " + tensorflow.TF_Message(status).getString());
        }
    }
}
