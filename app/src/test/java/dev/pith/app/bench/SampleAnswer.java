package dev.pith.app.bench;

import java.util.ArrayList;
import java.util.List;

/** A long Markdown answer with everything the window renders, cut into pieces of about one token. */
final class SampleAnswer {
  private SampleAnswer() {}

  private static final String THINKING = "The user wants to know how to read a sensor on a Raspberry Pi and keep"
      + " the readings. I should explain the wiring first, then a short program, then how to store the values."
      + " Keep it practical.\n</think>\n\n";

  private static final String SECTION = """
      ## Reading the sensor

      The **BME280** talks over *I²C*, so it needs only four wires: `3V3`, `GND`, `SDA` and `SCL`. Enable I²C \
      with `raspi-config`, then check that the sensor answers at address `0x76`:

      1. Wire the sensor to pins 1, 3, 5 and 9.
      2. Run `i2cdetect -y 1` and look for `76`.
      3. Install the library:
         - `python3-smbus2` from Debian,
         - or a virtual environment with `pip`.

      ```python
      import time
      from smbus2 import SMBus

      with SMBus(1) as bus:
          for _ in range(10):
              raw = bus.read_i2c_block_data(0x76, 0xF7, 8)
              print(time.time(), raw)
              time.sleep(1.0)
      ```

      | Reading     | Unit | Typical |
      |:------------|:----:|--------:|
      | Temperature | °C   | 21.4    |
      | Humidity    | %    | 48      |
      | Pressure    | hPa  | 1013    |

      > Keep the sensor away from the CPU: a Pi 5 under load warms the air around it by several degrees.

      """;

  /** The sample section once: prose, a list, code, a table and a quote. */
  static String section() {
    return SECTION;
  }

  /** {@code tokens} pieces of about four characters; the text repeats its section as often as needed. */
  static List<String> pieces(int tokens, boolean thinking) {
    StringBuilder text = new StringBuilder();
    if (thinking) {
      text.append(THINKING);
    }
    while (text.length() < tokens * 4) {
      text.append(SECTION);
    }
    return cut(text.toString(), tokens);
  }

  /** {@code text} in pieces of three to five characters (about a token each), then an empty last piece. */
  static List<String> pieces(String text) {
    return cut(text, Integer.MAX_VALUE);
  }

  private static List<String> cut(String text, int most) {
    List<String> out = new ArrayList<>();
    int at = 0;
    for (int i = 0; i < most - 1 && at < text.length(); i++) {
      int end = Math.min(text.length(), at + (i % 3 == 0 ? 3 : 4 + i % 2));
      out.add(text.substring(at, end));
      at = end;
    }
    out.add("");
    return out;
  }
}
