package parasol.analysis;

import parasol.scheme.Label;

/**
 * How often one model's responses carry one label at each intensity: the shares at exactly low, medium
 * and high (the rest is none), each over items like every rate.
 */
public record LabelMix(String model, Label label, Rate low, Rate medium, Rate high) {}
