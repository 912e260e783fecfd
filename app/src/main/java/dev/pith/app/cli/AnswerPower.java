package dev.pith.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.inference.power.AnswerEnergy;
import dev.pith.inference.power.EnergyUse;
import dev.pith.inference.power.PowerMeter;
import dev.pith.inference.power.PowerMeters;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code pith generate} says about an answer's power: where the figures come from and what they cover, and the
 * figures only when they were measured over the whole answer. A made-up number is worse than none.
 *
 * @param source the meter's name ({@code none} when the machine has none)
 * @param scope what the meter's readings cover
 * @param energy the answer's energy; empty when it was not measured (no meter, an estimating meter, or readings
 *     that do not cover the answer)
 * @param note what the figures leave out that people would assume included ({@link PowerMeters#NPU_NOT_INCLUDED}
 *     when the NPU answered); empty otherwise
 */
record AnswerPower(String source, String scope, Optional<EnergyUse> energy, Optional<String> note) {

  AnswerPower {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(note, "note");
    energy = energy.filter(EnergyUse::measured);
  }

  /**
   * The answer's power as {@code meter} measured it.
   *
   * @param use what {@link AnswerEnergy#finish} gave
   * @param npuAnswered whether the Hailo NPU generated the answer (its draw is in no meter's readings)
   */
  static AnswerPower of(PowerMeter meter, Optional<EnergyUse> use, boolean npuAnswered) {
    return new AnswerPower(meter.source(), meter.scope(), use,
        npuAnswered ? Optional.of(PowerMeters.NPU_NOT_INCLUDED) : Optional.empty());
  }

  /**
   * Adds {@code power_source}, {@code power_scope}, {@code avg_watts} and {@code energy_j} (null when not measured)
   * and, when there is a note, {@code power_note}.
   */
  void putJson(ObjectNode line) {
    line.put("power_source", source).put("power_scope", scope);
    JsonLines.putNumber(line, "avg_watts", energy.map(EnergyUse::averageWatts).orElse(Double.NaN));
    JsonLines.putNumber(line, "energy_j", energy.map(EnergyUse::joules).orElse(Double.NaN));
    note.ifPresent(text -> line.put("power_note", text));
  }

  /**
   * The summary line's part, e.g. {@code  | 4.1 J, 0.032 J/token, 5.2 W avg (hwmon ina219)}; empty when the energy
   * was not measured.
   */
  String summary(int generatedTokens) {
    if (energy.isEmpty()) {
      return "";
    }
    EnergyUse use = energy.get();
    StringBuilder part = new StringBuilder(" | ")
        .append(StatsFormat.energy(use.joules(), generatedTokens, use.averageWatts())).append(" (").append(source);
    note.ifPresent(text -> part.append("; ").append(text));
    return part.append(')').toString();
  }
}
