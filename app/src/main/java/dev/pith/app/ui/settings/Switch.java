package dev.pith.app.ui.settings;

import atlantafx.base.controls.ToggleSwitch;
import javafx.scene.AccessibleAttribute;
import javafx.scene.AccessibleRole;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * AtlantaFX's toggle switch made usable without a mouse: Space or Enter flips it, and screen readers hear a toggle
 * button and whether it is on (the switch itself answers to clicks only and tells them neither).
 */
final class Switch extends ToggleSwitch {
  Switch(String accessibleText) {
    setAccessibleText(accessibleText);
    setAccessibleRole(AccessibleRole.TOGGLE_BUTTON);
    setFocusTraversable(true);
    addEventHandler(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.SPACE || e.getCode() == KeyCode.ENTER) {
        fire();
        e.consume();
      }
    });
    selectedProperty().addListener((o, before, now) -> notifyAccessibleAttributeChanged(AccessibleAttribute.SELECTED));
  }

  @Override
  public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
    return attribute == AccessibleAttribute.SELECTED ? isSelected() : super.queryAccessibleAttribute(attribute, parameters);
  }
}
