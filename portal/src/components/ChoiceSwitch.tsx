import { useId } from 'react';
import './choice-switch.css';

/*
 * A few mutually exclusive choices side by side, as native radio buttons drawn as one segmented control.
 * Mantine's SegmentedControl measures its options in script to slide its indicator, which forces a layout
 * of the whole page when it mounts (61 ms on a 200-step ticket workspace); this one is laid out by CSS
 * alone. Native radios bring the keyboard behaviour with them: Tab reaches the group, arrows change it.
 */
export function ChoiceSwitch<Value extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: Value;
  options: ReadonlyArray<{ value: Value; label: string }>;
  onChange: (value: Value) => void;
}) {
  const name = useId();
  return (
    <div role="radiogroup" aria-label={label} className="cau-choice-switch">
      {options.map((option) => (
        <label key={option.value} className="cau-choice">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={option.value === value}
            onChange={() => onChange(option.value)}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </div>
  );
}
