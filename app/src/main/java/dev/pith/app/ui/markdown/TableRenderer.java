package dev.pith.app.ui.markdown;

import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.text.TextAlignment;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;

/**
 * A GFM table as a {@link GridPane} of wrapping cells: header cells bold on a subtle background, each column
 * aligned as its delimiter row says ({@code :--}, {@code :-:}, {@code --:}), a border round every cell. Cells wrap
 * at a maximum width set in CSS; a table still wider than the answer scrolls sideways.
 */
final class TableRenderer {
  private final InlineRenderer inlines;

  TableRenderer(InlineRenderer inlines) {
    this.inlines = inlines;
  }

  Node render(TableBlock table) {
    GridPane grid = new GridPane();
    grid.getStyleClass().add("md-table");
    int rows = 0;
    int columns = 0;
    for (org.commonmark.node.Node section = table.getFirstChild(); section != null; section = section.getNext()) {
      for (org.commonmark.node.Node row = section.getFirstChild(); row != null; row = row.getNext()) {
        if (row instanceof TableRow) {
          columns = Math.max(columns, addRow(grid, row, rows++));
        }
      }
    }
    fillMissingCells(grid, rows, columns);
    StackPane box = new StackPane(grid);
    box.getStyleClass().add("md-table-box");
    box.setAlignment(Pos.TOP_LEFT);
    return SideScroll.of(box, "md-table-scroll");
  }

  /** Adds the cells of one row; returns how many there were. */
  private int addRow(GridPane grid, org.commonmark.node.Node row, int rowIndex) {
    int column = 0;
    for (org.commonmark.node.Node node = row.getFirstChild(); node != null; node = node.getNext()) {
      if (node instanceof TableCell cell) {
        TextFlow flow = inlines.flow(cell, "md-table-cell");
        if (cell.isHeader()) {
          flow.getStyleClass().add("md-table-header");
        }
        align(flow, cell.getAlignment());
        grid.add(flow, column++, rowIndex);
      }
    }
    return column;
  }

  private static void align(TextFlow flow, TableCell.Alignment alignment) {
    if (alignment == TableCell.Alignment.CENTER) {
      flow.setTextAlignment(TextAlignment.CENTER);
      GridPane.setHalignment(flow, HPos.CENTER);
    } else if (alignment == TableCell.Alignment.RIGHT) {
      flow.setTextAlignment(TextAlignment.RIGHT);
      GridPane.setHalignment(flow, HPos.RIGHT);
    } else {
      flow.setTextAlignment(TextAlignment.LEFT);
      GridPane.setHalignment(flow, HPos.LEFT);
    }
  }

  /** Rows shorter than the header get empty cells, so that every cell has its border. */
  private static void fillMissingCells(GridPane grid, int rows, int columns) {
    boolean[][] taken = new boolean[rows][columns];
    for (Node child : grid.getChildren()) {
      taken[GridPane.getRowIndex(child)][GridPane.getColumnIndex(child)] = true;
    }
    for (int row = 0; row < rows; row++) {
      for (int column = 0; column < columns; column++) {
        if (!taken[row][column]) {
          TextFlow empty = new TextFlow();
          empty.getStyleClass().add("md-table-cell");
          if (row == 0) {
            empty.getStyleClass().add("md-table-header"); // GFM tables have exactly one header row
          }
          grid.add(empty, column, row);
        }
      }
    }
  }
}
