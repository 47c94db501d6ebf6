// A chart as a picture file: drawn again, off screen, at a fixed size and in the light theme, with
// its title and its caption naming the sources, from the same configuration the app, the exports and
// the CLI use. So the picture does not depend on how wide the window was or which theme it had.

import { BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, SubTitle, Title, Tooltip } from 'chart.js'
import type { ChartData } from '@shared/chart-spec'
import { chartConfig } from '@shared/chart-config'

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, SubTitle, Title, Tooltip)

/** CSS pixels; drawn at twice that for sharp text. */
export const PNG_WIDTH = 1200
export const PNG_HEIGHT = 720

export function chartPng(data: ChartData): Promise<Blob> {
  const canvas = document.createElement('canvas')
  canvas.width = PNG_WIDTH
  canvas.height = PNG_HEIGHT
  // Attached (out of sight) so fonts and styles resolve as for any canvas in the page.
  canvas.style.cssText = `position:fixed;left:-${PNG_WIDTH * 2}px;top:0;width:${PNG_WIDTH}px;height:${PNG_HEIGHT}px`
  document.body.append(canvas)
  const config = chartConfig(data, { animate: false, textColour: '#1d1d22', gridColour: '#e3e3e8' })
  const chart = new Chart(canvas, {
    ...config,
    options: { ...config.options, responsive: false, devicePixelRatio: 2, layout: { padding: 24 } },
    plugins: [
      {
        id: 'casefile-background',
        beforeDraw: (drawn) => {
          const context = drawn.ctx
          context.save()
          context.globalCompositeOperation = 'destination-over'
          context.fillStyle = '#ffffff'
          context.fillRect(0, 0, drawn.width, drawn.height)
          context.restore()
        }
      }
    ]
  })
  // Without animation the first draw is already complete; drawing once more makes sure of it.
  chart.update('none')
  return new Promise<Blob>((resolve, reject) => {
    canvas.toBlob((blob) => {
      chart.destroy()
      canvas.remove()
      if (blob === null) reject(new Error('The picture could not be made.'))
      else resolve(blob)
    }, 'image/png')
  })
}
