package org.industry4.opcua.client;

import java.util.Objects;
import org.industry4.core.SignalId;
import org.industry4.core.SignalInfo;

/**
 * A variable found by {@link OpcUaCollector#browseVariables}.
 *
 * @param nodeId      the parseable node id, for example {@code "ns=2;s=cnc-01/spindle_speed"}
 * @param browsePath  browse names from the start node, joined by {@code /}, for example
 *                    {@code "Machines/cnc-01/spindle_speed"}
 * @param displayName the display name
 * @param dataType    the data type's name, for example {@code "Double"}, {@code "Int32"},
 *                    {@code "Boolean"}, {@code "String"}
 * @param unit        the display name of the {@code EngineeringUnits} property, {@code ""} if none
 * @param readable    whether the current user may read the value
 * @param writable    whether the current user may write the value
 * @param numeric     whether its values can be collected as samples (numbers and Booleans;
 *                    abstract types such as BaseDataType count, converted value by value)
 * @param description the description, {@code ""} if none
 */
public record VariableInfo(String nodeId, String browsePath, String displayName, String dataType,
                           String unit, boolean readable, boolean writable, boolean numeric,
                           String description) {

    public VariableInfo {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(browsePath, "browsePath");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(description, "description");
    }

    /** The signal id a subscription gives this variable's samples. */
    public SignalId signalId() {
        return SampleConverter.signalIdOf(NodeIdText.parse(nodeId));
    }

    /** The signal catalogue entry for this variable. */
    public SignalInfo signalInfo() {
        return new SignalInfo(signalId(), nodeId, dataType, unit, description);
    }
}
