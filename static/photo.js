// SPDX-License-Identifier: AGPL-3.0-or-later
// photo.js: a phone photo is scaled down in the browser before it is
// sent, when JavaScript is on (the server scales and cleans it anyway:
// base/image.c). Every <input type="file" data-max-side="N"> gets its
// JPEG or PNG over 1 MB or N pixels redrawn on a canvas with the longer
// side at most N pixels and sent as a JPEG: the canvas keeps only pixels,
// so the EXIF with the GPS position never leaves the phone. The form waits
// while a photo is being prepared. Without this script nothing changes.
"use strict";

(function () {
  // A photo already small (in bytes and pixels) is sent as it is.
  var SMALL_BYTES = 1024 * 1024;

  function scaled(file, maxSide) {
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(
      function (bmp) {
        var w = bmp.width;
        var h = bmp.height;
        if (file.size <= SMALL_BYTES && Math.max(w, h) <= maxSide) {
          bmp.close();
          return null;
        }
        var k = Math.min(1, maxSide / Math.max(w, h));
        var canvas = document.createElement("canvas");
        canvas.width = Math.max(1, Math.round(w * k));
        canvas.height = Math.max(1, Math.round(h * k));
        var g = canvas.getContext("2d");
        g.fillStyle = "#fff"; // a transparent PNG on white, as JPEG
        g.fillRect(0, 0, canvas.width, canvas.height);
        g.drawImage(bmp, 0, 0, canvas.width, canvas.height);
        bmp.close();
        return new Promise(function (resolve) {
          canvas.toBlob(resolve, "image/jpeg", 0.85);
        });
      }
    );
  }

  function prepare(input) {
    if (input.dataset.prepared) {
      return;
    }
    input.dataset.prepared = "1";
    var maxSide = parseInt(input.getAttribute("data-max-side"), 10) || 1600;
    var form = input.form;
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file || !/^image\/(jpeg|png)$/.test(file.type) ||
          typeof createImageBitmap !== "function" ||
          typeof DataTransfer !== "function") {
        return;
      }
      var pending = (parseInt(form.dataset.pending || "0", 10) || 0) + 1;
      form.dataset.pending = String(pending);
      scaled(file, maxSide)
        .then(function (blob) {
          if (blob) {
            var name = file.name.replace(/\.[^.]*$/, "") + ".jpg";
            var dt = new DataTransfer();
            dt.items.add(new File([blob], name, { type: "image/jpeg" }));
            input.files = dt.files;
            input.setAttribute("data-scaled", String(blob.size));
          }
        })
        .catch(function () {
          // Not decodable here: the server decides.
        })
        .then(function () {
          var left = (parseInt(form.dataset.pending, 10) || 1) - 1;
          form.dataset.pending = String(left);
          if (left === 0 && form.dataset.submitWanted === "1") {
            form.dataset.submitWanted = "";
            form.requestSubmit();
          }
        });
    });
    if (!form.dataset.photoGuard) {
      form.dataset.photoGuard = "1";
      form.addEventListener("submit", function (ev) {
        if ((parseInt(form.dataset.pending || "0", 10) || 0) > 0) {
          ev.preventDefault(); // sent once the photo is ready
          form.dataset.submitWanted = "1";
        }
      });
    }
  }

  var inputs = document.querySelectorAll("input[type=file][data-max-side]");
  for (var i = 0; i < inputs.length; i++) {
    prepare(inputs[i]);
  }
})();
